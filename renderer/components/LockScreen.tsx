import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useReturnFocus } from '../hooks/use-return-focus';
import { appSelectors } from '../store/app/selectors';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { ModeBadge } from './ModeBadge';
import { PasswordField } from './PasswordField';

/**
 * Covers the whole console while the session is locked. The console stays mounted beneath, inert
 * and hidden from assistive technology, so after unlocking everything is as it was, half-written
 * notes included. Opaque: a passer-by sees nothing of the call.
 */
export const LockScreen = () => {
  const { t } = useTranslation();
  const agent = useDeskStore(sessionSelectors.agent);
  const mode = useDeskStore(appSelectors.mode);
  const busy = useDeskStore(sessionSelectors.isUnlocking);
  const signingOut = useDeskStore(sessionSelectors.isSigningOut);
  const error = useDeskStore(sessionSelectors.unlockError);
  const unlock = useDeskStore((s) => s.unlock);
  const signOut = useDeskStore((s) => s.signOut);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const passwordRef = useRef<HTMLInputElement>(null);
  useReturnFocus();

  useEffect(() => {
    passwordRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    if (password === '') {
      setMissing(true);
      passwordRef.current?.focus();
      return;
    }
    setMissing(false);
    const typed = password;
    setPassword('');
    const unlocked = await unlock(typed);
    if (!unlocked) passwordRef.current?.focus();
  };

  return (
    <div className="lock-screen" data-mode={mode ?? 'unknown'} role="dialog" aria-modal="true" aria-labelledby="lock-title" aria-describedby="lock-body" data-testid="lock-screen">
      <section className="panel lock-panel">
        <p className="lock-product">
          <span className="product-name">{t('product.name')}</span>
          <ModeBadge withHint={false} />
        </p>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p id="lock-body">{t('lock.body', { name: agent?.name ?? '', agentId: agent?.agentId ?? '' })}</p>
        <form className="form" noValidate aria-labelledby="lock-title" onSubmit={(event) => void submit(event)}>
          {/* Lets password managers and assistive technology know whose password this is. */}
          <input type="text" name="username" autoComplete="username" value={agent?.agentId ?? ''} readOnly hidden />
          <PasswordField
            id="unlock-password"
            label={t('lock.passwordLabel')}
            value={password}
            problem={missing ? t('lock.passwordRequired') : null}
            inputRef={passwordRef}
            onChange={setPassword}
          />
          {error !== null ? <CallErrorNotice error={error} testId="unlock-error" /> : null}
          <button type="submit" className="button-primary" aria-busy={busy} disabled={busy || signingOut}>
            {busy ? t('lock.submitting') : t('lock.submit')}
          </button>
        </form>
        <div className="lock-sign-out">
          <p className="hint">{t('lock.signOutHint')}</p>
          <button type="button" className="button-secondary" disabled={busy || signingOut} onClick={() => void signOut()}>
            {t('lock.signOut')}
          </button>
        </div>
      </section>
    </div>
  );
};
