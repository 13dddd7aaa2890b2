import { useTranslation } from 'react-i18next';
import type { TokenState } from '../../../shared/api/model';
import { tokenStateLabelKey } from '../../i18n/lookup-label-keys';

/** The state in words on a coloured chip; the shape differs per state too, so colour is never the only signal. */
export const StateChip = ({ state }: { state: TokenState }) => {
  const { t } = useTranslation();
  return (
    <span className="state-chip" data-state={state}>
      <span className="state-chip-mark" aria-hidden="true" />
      {t(tokenStateLabelKey[state])}
    </span>
  );
};
