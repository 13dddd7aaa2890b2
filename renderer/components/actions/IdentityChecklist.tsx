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
  /** The key that toggles each check (the dialog handles the keys), shown beside it. */
  readonly keys?: readonly { readonly key: string; readonly verifiers: readonly Verifier[] }[];
}

/** "あと1項目" / "2 more to go": what is missing, in one phrase, announced as it changes. */
const IdentityProgress = ({ policy, passed }: Pick<IdentityChecklistProps, 'policy' | 'passed'>) => {
  const { t } = useTranslation();
  const check = checkIdentity(policy, passed);
  const remaining = check.missingRequired.length + check.stillNeeded;
  return (
    <p className="identity-progress" data-met={check.met || undefined} role="status" data-testid="identity-progress">
      {check.met ? t('actions.activate.met') : t('actions.activate.remaining', { count: remaining })}
    </p>
  );
};

/**
 * The issuer's identity checks as the agent ticks them: the ones always asked, then "n of these".
 * Only which checks passed is kept; the answers never leave the agent's head.
 */
export const IdentityChecklist = ({ policy, passed, disabled, onChange, describedBy, keys = [] }: IdentityChecklistProps) => {
  const { t } = useTranslation();
  const optional = policy.choose.from.filter((verifier) => !policy.required.includes(verifier));
  const toggle = (verifier: Verifier, on: boolean): void => onChange(on ? [...passed.filter((held) => held !== verifier), verifier] : passed.filter((held) => held !== verifier));
  // The required checks share one key (the first); each optional one has its own.
  const requiredKey = policy.required.length > 0 ? keys[0]?.key : undefined;
  const keyOf = (verifier: Verifier): string | undefined =>
    policy.required.includes(verifier) ? undefined : keys.find((entry) => entry.verifiers.length === 1 && entry.verifiers[0] === verifier)?.key;
  const box = (verifier: Verifier, key = keyOf(verifier)) => (
    <label key={verifier} className="check-row">
      <input type="checkbox" checked={passed.includes(verifier)} disabled={disabled} data-verifier={verifier} onChange={(event) => toggle(verifier, event.target.checked)} />
      <span>{t(verifierLabelKey[verifier])}</span>
      {key !== undefined ? <kbd className="check-key" aria-hidden="true">{key}</kbd> : null}
    </label>
  );
  const allRequired = policy.required.every((verifier) => passed.includes(verifier));
  return (
    <fieldset className="identity-checklist" aria-describedby={describedBy} data-testid="identity-checklist">
      <legend>{t('actions.activate.checklist')}</legend>
      {policy.required.length > 0 ? (
        <div className="check-group" role="group" aria-label={t('actions.activate.required')}>
          <p className="check-group-title">{t('actions.activate.required')}</p>
          {policy.required.length > 1 ? (
            // They are asked together and pass only together: one tick (or one key) for all of them.
            <label className="check-row check-row-all">
              <input
                type="checkbox"
                checked={allRequired}
                disabled={disabled}
                data-testid="check-all-required"
                onChange={(event) => onChange(event.target.checked ? [...passed.filter((held) => !policy.required.includes(held)), ...policy.required] : passed.filter((held) => !policy.required.includes(held)))}
              />
              <span>{t('keyboard.optionD.allRequired')}</span>
              {requiredKey !== undefined ? <kbd className="check-key" aria-hidden="true">{requiredKey}</kbd> : null}
            </label>
          ) : null}
          {policy.required.map((verifier) => box(verifier, policy.required.length > 1 ? undefined : requiredKey))}
        </div>
      ) : null}
      {optional.length > 0 && policy.choose.atLeast > 0 ? (
        <div className="check-group" role="group" aria-label={t('actions.activate.chooseFrom', { count: policy.choose.atLeast })}>
          <p className="check-group-title">{t('actions.activate.chooseFrom', { count: policy.choose.atLeast })}</p>
          {optional.map((verifier) => box(verifier))}
        </div>
      ) : null}
      <IdentityProgress policy={policy} passed={passed} />
    </fieldset>
  );
};
