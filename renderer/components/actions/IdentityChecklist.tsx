import { useTranslation } from 'react-i18next';
import type { TokenActionPolicy, Verifier } from '../../../shared/contract';
import { checkIdentity } from '../../../shared/domain/identity-verification';
import { verifierLabelKey } from './action-label-keys';

interface IdentityChecklistProps {
  readonly policy: TokenActionPolicy['identityVerification'];
  readonly passed: readonly Verifier[];
  readonly disabled: boolean;
  readonly onChange: (passed: Verifier[]) => void;
  readonly describedBy?: string;
}

/** "あと1項目" / "2 more to go": what is missing, in one phrase. `live` for the one copy a screen reader announces. */
export const IdentityProgress = ({ policy, passed, live = true }: Pick<IdentityChecklistProps, 'policy' | 'passed'> & { live?: boolean }) => {
  const { t } = useTranslation();
  const check = checkIdentity(policy, passed);
  const remaining = check.missingRequired.length + check.stillNeeded;
  return (
    <p className="identity-progress" data-met={check.met || undefined} role={live ? 'status' : undefined} data-testid="identity-progress">
      {check.met ? t('actions.activate.met') : t('actions.activate.remaining', { count: remaining })}
    </p>
  );
};

/**
 * The issuer's identity checks as the agent ticks them: the ones always asked, then "n of these".
 * Only which checks passed is kept; the answers never leave the agent's head.
 */
export const IdentityChecklist = ({ policy, passed, disabled, onChange, describedBy }: IdentityChecklistProps) => {
  const { t } = useTranslation();
  const optional = policy.choose.from.filter((verifier) => !policy.required.includes(verifier));
  const toggle = (verifier: Verifier, on: boolean): void => onChange(on ? [...passed.filter((held) => held !== verifier), verifier] : passed.filter((held) => held !== verifier));
  const box = (verifier: Verifier) => (
    <label key={verifier} className="check-row">
      <input type="checkbox" checked={passed.includes(verifier)} disabled={disabled} data-verifier={verifier} onChange={(event) => toggle(verifier, event.target.checked)} />
      <span>{t(verifierLabelKey[verifier])}</span>
    </label>
  );
  return (
    <fieldset className="identity-checklist" aria-describedby={describedBy} data-testid="identity-checklist">
      <legend>{t('actions.activate.checklist')}</legend>
      {policy.required.length > 0 ? (
        <div className="check-group" role="group" aria-label={t('actions.activate.required')}>
          <p className="check-group-title">{t('actions.activate.required')}</p>
          {policy.required.map(box)}
        </div>
      ) : null}
      {optional.length > 0 && policy.choose.atLeast > 0 ? (
        <div className="check-group" role="group" aria-label={t('actions.activate.chooseFrom', { count: policy.choose.atLeast })}>
          <p className="check-group-title">{t('actions.activate.chooseFrom', { count: policy.choose.atLeast })}</p>
          {optional.map(box)}
        </div>
      ) : null}
      <IdentityProgress policy={policy} passed={passed} />
    </fieldset>
  );
};
