import { useTranslation } from 'react-i18next';
import { MAX_CALL_NOTES } from '../store/workspace/commands';
import { workspaceSelectors } from '../store/workspace/selectors';
import { useDeskStore } from '../store/store-context';

/**
 * The agent's scratch pad for the call in progress. Held in renderer memory only: not saved, not
 * sent, kept through a screen lock and cleared on sign-out, as the hint beneath it says.
 */
export const CallNotes = () => {
  const { t } = useTranslation();
  const notes = useDeskStore(workspaceSelectors.callNotes);
  const setCallNotes = useDeskStore((s) => s.setCallNotes);
  return (
    <section className="call-notes">
      <label id="call-notes-label" htmlFor="call-notes">
        {t('notes.label')}
      </label>
      <textarea
        id="call-notes"
        value={notes}
        rows={10}
        maxLength={MAX_CALL_NOTES}
        spellCheck={false}
        autoComplete="off"
        aria-describedby="call-notes-hint"
        onChange={(event) => setCallNotes(event.target.value)}
      />
      <p id="call-notes-hint" className="hint">
        {t('notes.hint')}
      </p>
    </section>
  );
};
