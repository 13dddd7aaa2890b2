import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../store/store-context';
import type { DeskView } from '../store/supervision/initialState';

const VIEWS: readonly { readonly view: DeskView; readonly label: 'session.viewDesk' | 'session.viewSupervision' }[] = [
  { view: 'desk', label: 'session.viewDesk' },
  { view: 'supervision', label: 'session.viewSupervision' },
];

/**
 * The header's switch between the agent's desk and the supervision area, shown to supervisors and
 * administrators only. Small on purpose: it is part of every console's first screen, while the
 * area it opens is loaded only when opened. Styled as the language switch beside it.
 */
export const ViewSwitch = () => {
  const { t } = useTranslation();
  const current = useDeskStore((s) => s.deskView);
  const setDeskView = useDeskStore((s) => s.setDeskView);
  return (
    <div className="language-switch view-switch" role="group" aria-label={t('session.viewSwitch')}>
      {VIEWS.map(({ view, label }) => (
        <button key={view} type="button" aria-pressed={view === current} onClick={() => setDeskView(view)} data-testid={`view-${view}`}>
          {t(label)}
        </button>
      ))}
    </div>
  );
};
