import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DigitizationSignals } from '../../../shared/contract';
import { formatList } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { decisionReasonKey, idvLabelKey, keyFor, trustLabelKey } from '../../i18n/lookup-label-keys';
import type { ActionDraft, FieldProblem } from '../../store/actions/initialState';
import { FieldProblemText } from './FieldProblemText';
import { currentQuestion } from './option-d-readiness';

interface ScamAwarenessProps {
  readonly signals: DigitizationSignals;
  readonly draft: ActionDraft;
  readonly problem: FieldProblem | undefined;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<ActionDraft>) => void;
}

const YesNo = ({
  name,
  question,
  value,
  disabled,
  onChange,
  testId,
  current,
}: {
  name: string;
  question: string;
  value: boolean | null;
  disabled: boolean;
  onChange: (value: boolean) => void;
  testId: string;
  /** The question Y / N answer now: marked so the agent sees which one a key press answers. */
  current: boolean;
}) => {
  const { t } = useTranslation();
  return (
    <fieldset className="yes-no" data-testid={testId} data-current={current || undefined}>
      <legend>
        {question}
        {current ? <span className="yes-no-current">{t('keyboard.optionD.current')}</span> : null}
      </legend>
      <label>
        <input type="radio" name={name} checked={value === true} disabled={disabled} onChange={() => onChange(true)} />
        {t('actions.activate.yes')}
        {current ? <kbd className="check-key" aria-hidden="true">Y</kbd> : null}
      </label>
      <label>
        <input type="radio" name={name} checked={value === false} disabled={disabled} onChange={() => onChange(false)} />
        {t('actions.activate.no')}
        {current ? <kbd className="check-key" aria-hidden="true">N</kbd> : null}
      </label>
    </fieldset>
  );
};

/**
 * Before an Option D activation: what the backend knows about this digitization, in plain words,
 * and the two questions that catch the usual scam (someone on the line asking for a code).
 */
export const ScamAwareness = ({ signals, draft, problem, disabled, onChange }: ScamAwarenessProps) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const trust = signals.levelOfTrust;
  const reasons = trust.reasons.map((code) => {
    const key = keyFor(decisionReasonKey, code);
    return key === undefined ? code : t(key);
  });
  const methods = trust.idvMethods.map((method) => t(idvLabelKey[method]));
  const decision = t(trustLabelKey[trust.decision]);
  const asking = disabled ? null : currentQuestion(draft);
  return (
    <section className="scam-awareness" aria-labelledby={`${id}-title`} data-testid="scam-awareness">
      <h3 id={`${id}-title`}>{t('actions.activate.scam')}</h3>
      <p className="hint">{t('actions.activate.scamIntro')}</p>
      <ul className="signal-list">
        <li data-testid="signal-device" data-flag={signals.deviceNewForCardholder || undefined}>
          {signals.deviceNewForCardholder ? t('actions.activate.deviceNew') : t('actions.activate.deviceKnown')}
        </li>
        <li data-testid="signal-velocity">{t('actions.activate.tokens24h', { count: signals.tokensRequestedLast24h })}</li>
        <li data-testid="signal-trust">
          {t('actions.activate.trust', { decision: methods.length > 0 ? t('tokens.trust.withMethods', { decision, methods: formatList(methods, language) }) : decision })}
          {' · '}
          {reasons.length > 0 ? t('actions.activate.trustReasons', { reasons: formatList(reasons, language) }) : t('actions.activate.noReasons')}
        </li>
      </ul>
      <YesNo
        name={`${id}-inbound`}
        question={t('actions.activate.inbound')}
        value={draft.callInbound}
        disabled={disabled}
        onChange={(value) => onChange({ callInbound: value })}
        testId="question-inbound"
        current={asking === 'callInbound'}
      />
      <YesNo
        name={`${id}-asked`}
        question={t('actions.activate.askedToShare')}
        value={draft.askedToShareCode}
        disabled={disabled}
        onChange={(value) => onChange({ askedToShareCode: value })}
        testId="question-asked-to-share"
        current={asking === 'askedToShareCode'}
      />
      <FieldProblemText id={`${id}-answers-problem`} problem={problem} />
    </section>
  );
};
