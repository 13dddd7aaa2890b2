import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrainingAccount } from '../../shared/contract';
import { appSelectors } from '../store/app/selectors';
import { useDeskStore } from '../store/store-context';
import { SignInForm, type SignInFields } from './SignInForm';
import { TrainingAccountsPanel } from './TrainingAccountsPanel';

/**
 * Shown while nobody is signed in. Connection settings are reachable from here: they are workstation
 * setup. `hidden` rather than unmounted while they are open, so the agent id typed and the focus
 * are where the agent left them on return.
 */
export const SignInScreen = ({ hidden = false }: { hidden?: boolean }) => {
  const { t } = useTranslation();
  const mode = useDeskStore(appSelectors.mode);
  const openSettings = useDeskStore((s) => s.openSettings);
  const clearSignInError = useDeskStore((s) => s.clearSignInError);
  const [fields, setFields] = useState<SignInFields>({ agentId: '', password: '' });
  const submitRef = useRef<HTMLButtonElement>(null);

  const fillFromAccount = (account: TrainingAccount): void => {
    setFields({ agentId: account.agentId, password: account.password });
    clearSignInError();
    // One more key (Enter) signs in, and the agent sees which button that is.
    submitRef.current?.focus();
  };

  return (
    <div className="sign-in-screen" hidden={hidden} data-testid="sign-in-screen">
      <section className="panel sign-in-panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{t('signIn.title')}</h1>
        <p className="hint">{t('signIn.intro')}</p>
        <SignInForm fields={fields} onChange={setFields} submitRef={submitRef} />
        <div className="sign-in-footer">
          <button type="button" className="button-link" onClick={openSettings}>
            {t('signIn.connectionSettings')}
          </button>
          <p className="hint">{t('signIn.connectionSettingsHint')}</p>
        </div>
      </section>
      {mode === 'training' ? <TrainingAccountsPanel onUse={fillFromAccount} /> : null}
    </div>
  );
};
