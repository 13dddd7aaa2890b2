import { useTranslation } from 'react-i18next';
import { displayStateLabelKey, type DisplayState } from '../../tokens/display-state';

/** The state in words on a coloured chip; the shape differs per state too, so colour is never the only signal. */
export const StateChip = ({ state }: { state: DisplayState }) => {
  const { t } = useTranslation();
  return (
    <span className="state-chip" data-state={state}>
      <span className="state-chip-mark" aria-hidden="true" />
      {t(displayStateLabelKey[state])}
    </span>
  );
};
