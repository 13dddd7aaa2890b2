import { useEffect, useRef, useState, type FormEvent, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { PasswordField } from './PasswordField';

export interface SignInFields {
  readonly agentId: string;
  readonly password: string;
}

interface SignInFormProps {
  readonly fields: SignInFields;
  readonly onChange: (fields: SignInFields) => void;
  readonly submitRef: Ref<HTMLButtonElement>;
}

type Missing = 'agentId' | 'password' | null;

/**
 * Agent id and password. The password lives in this form's state only while typed: it is cleared
 * the moment the form is submitted, whatever the answer, and never reaches the store.
 */
export const SignInForm = ({ fields, onChange, submitRef }: SignInFormProps) => {
  const { t } = useTranslation();
  const busy = useDeskStore(sessionSelectors.isSigningIn);
  const error = useDeskStore(sessionSelectors.signInError);
  const signIn = useDeskStore((s) => s.signIn);
  const openSettings = useDeskStore((s) => s.openSettings);
  const [missing, setMissing] = useState<Missing>(null);
  const agentIdRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    agentIdRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    // Agent ids are lower case; a capital typed by habit should not count as a failed attempt.
    const agentId = fields.agentId.trim().toLowerCase();
    const { password } = fields;
    if (agentId === '' || password === '') {
      const first: Missing = agentId === '' ? 'agentId' : 'password';
      setMissing(first);
      (first === 'agentId' ? agentIdRef : passwordRef).current?.focus();
      return;
    }
    setMissing(null);
    onChange({ agentId, password: '' });
    const signedIn = await signIn(agentId, password);
    if (!signedIn) passwordRef.current?.focus();
  };

  const agentIdFormatWrong = error?.code === 'INVALID_INPUT' && (error.fields ?? []).includes('agentId');
  const agentIdMessage = missing === 'agentId' ? t('signIn.agentIdRequired') : agentIdFormatWrong ? t('signIn.agentIdFormat') : null;
  const passwordMessage = missing === 'password' ? t('signIn.passwordRequired') : null;

  return (
    <form className="form" aria-labelledby="sign-in-title" noValidate onSubmit={(event) => void submit(event)}>
      <div className="field">
        <label htmlFor="sign-in-agent-id">{t('signIn.agentIdLabel')}</label>
        <input
          id="sign-in-agent-id"
          ref={agentIdRef}
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={32}
          required
          value={fields.agentId}
          aria-invalid={agentIdMessage !== null}
          aria-describedby={agentIdMessage !== null ? 'sign-in-agent-id-error' : undefined}
          onChange={(event) => onChange({ ...fields, agentId: event.target.value })}
        />
        {agentIdMessage !== null ? (
          <p id="sign-in-agent-id-error" className="field-error">
            {agentIdMessage}
          </p>
        ) : null}
      </div>
      <PasswordField
        id="sign-in-password"
        label={t('signIn.passwordLabel')}
        value={fields.password}
        problem={passwordMessage}
        inputRef={passwordRef}
        onChange={(password) => onChange({ ...fields, password })}
      />
      {error !== null ? (
        <CallErrorNotice
          error={error}
          testId="sign-in-error"
          remedy={
            error.code === 'NOT_CONFIGURED' ? (
              <button type="button" className="button-secondary" onClick={openSettings}>
                {t('signIn.openConnectionSettings')}
              </button>
            ) : undefined
          }
        />
      ) : null}
      <button ref={submitRef} type="submit" className="button-primary" aria-busy={busy} disabled={busy}>
        {busy ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
};
