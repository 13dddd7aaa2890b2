import { useTranslation } from 'react-i18next';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';

/** The signed-in agent's own controls in the header. Connection settings only for an administrator. */
export const SessionControls = () => {
  const { t } = useTranslation();
  const hasAgent = useDeskStore(sessionSelectors.hasAgent);
  const isAdmin = useDeskStore(sessionSelectors.isAdmin);
  const signingOut = useDeskStore(sessionSelectors.isSigningOut);
  const settingsOpen = useDeskStore((s) => s.settingsOpen);
  const openSettings = useDeskStore((s) => s.openSettings);
  const templatesOpen = useDeskStore((s) => s.templateEditor.open);
  const openTemplates = useDeskStore((s) => s.openTemplateEditor);
  const lock = useDeskStore((s) => s.lock);
  // With a phone call open, the console asks first: wrap it up, or discard it.
  const signOut = useDeskStore((s) => s.requestSignOut);
  if (!hasAgent) return null;
  return (
    <div className="session-controls">
      {isAdmin ? (
        <button type="button" className="button-secondary" aria-pressed={settingsOpen} onClick={openSettings}>
          {t('session.connectionSettings')}
        </button>
      ) : null}
      {isAdmin ? (
        <button type="button" className="button-secondary" aria-pressed={templatesOpen} data-testid="open-template-editor" onClick={() => void openTemplates()}>
          {t('notifications.editor.open')}
        </button>
      ) : null}
      <button type="button" className="button-secondary" onClick={() => void lock()}>
        {t('session.lockNow')}
      </button>
      <button type="button" className="button-secondary" aria-busy={signingOut} disabled={signingOut} onClick={() => void signOut()}>
        {signingOut ? t('session.signingOut') : t('session.signOut')}
      </button>
    </div>
  );
};
