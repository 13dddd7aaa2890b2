import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { OpenPhoneCall } from '../../../shared/contract';
import { useClock } from '../../hooks/use-clock';
import { useLanguage } from '../../hooks/use-language';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { phoneCallSelectors } from '../../store/phone-call/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { LastPhoneCall } from './LastPhoneCall';
import { formatDuration } from './phone-call-format';
import './phone-call.css';

/** The call timer, renewed every second while a phone call is open. */
const Elapsed = ({ since }: { since: string }) => {
  const { t } = useTranslation();
  const now = useClock(1000);
  return (
    <span className="phone-call-elapsed" data-testid="phone-call-elapsed">
      {t('phoneCalls.bar.elapsed', { time: formatDuration(now - Date.parse(since)) })}
    </span>
  );
};

/** Who is on the phone: the cardholder as opened (their name once loaded), or not yet identified. */
const Caller = ({ call }: { call: OpenPhoneCall }) => {
  const { t } = useTranslation();
  const cardholder = useDeskStore(cardholderSelectors.cardholder);
  if (call.cardholderId === null) return <span className="cell-muted">{t('phoneCalls.bar.notIdentified')}</span>;
  return cardholder?.cardholderId === call.cardholderId ? (
    <span className="phone-call-cardholder">
      <span className="phone-call-cardholder-name">{cardholder.name.kanji ?? cardholder.name.latin}</span> <code className="selectable">{call.cardholderId}</code>
    </span>
  ) : (
    <code className="selectable">{call.cardholderId}</code>
  );
};

/**
 * The phone call, always at the top of the workspace: whether one is open, for how long, from which
 * number, with whom, how many token actions so far, and the ways on: end it (the wrap-up), take the
 * next one, or start one. A caller waiting behind this one (a screen pop) is announced here.
 */
export const PhoneCallBar = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const { call, waiting, busy, error, last } = useDeskStore(
    useShallow((s) => ({
      call: phoneCallSelectors.current(s),
      waiting: phoneCallSelectors.waiting(s),
      busy: phoneCallSelectors.busy(s),
      error: phoneCallSelectors.error(s),
      last: phoneCallSelectors.last(s),
    })),
  );
  const startPhoneCall = useDeskStore((s) => s.startPhoneCall);
  const endPhoneCall = useDeskStore((s) => s.endPhoneCall);
  const load = useDeskStore((s) => s.internal_loadPhoneCall);
  // Main keeps the open phone call: after a sign-in or a reload, it comes back from there.
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="phone-call-bar" aria-label={t('phoneCalls.bar.label')} data-testid="phone-call-bar" data-open={call !== null}>
      {call === null ? (
        <div className="phone-call-row">
          <span className="phone-call-state" data-testid="phone-call-state">
            {t('phoneCalls.bar.none')}
          </span>
          <button type="button" className="button-primary" data-testid="phone-call-start" disabled={busy} aria-busy={busy} onClick={() => void startPhoneCall()}>
            {busy ? t('phoneCalls.bar.starting') : t('phoneCalls.bar.start')}
          </button>
          {last !== null ? <LastPhoneCall last={last} language={language} /> : <span className="hint phone-call-hint">{t('phoneCalls.bar.noneHint')}</span>}
        </div>
      ) : (
        <div className="phone-call-row">
          <span className="phone-call-state phone-call-live" data-testid="phone-call-state" data-phone-call-id={call.phoneCallId}>
            <span className="phone-call-dot" aria-hidden="true" />
            {t('phoneCalls.bar.open')}
            <Elapsed since={call.startedAt} />
          </span>
          <dl className="phone-call-facts">
            {/* A phone call started by hand has no number to show; "withheld" would be the phone system's word, and wrong. */}
            {call.telephony !== null ? (
              <div>
                <dt>{t('phoneCalls.bar.caller')}</dt>
                <dd data-testid="phone-call-caller-number">{call.telephony.callerNumber ?? t('phoneCalls.bar.callerUnknown')}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('phoneCalls.bar.cardholder')}</dt>
              <dd data-testid="phone-call-cardholder">
                <Caller call={call} />
              </dd>
            </div>
            <div>
              <dt>{t('phoneCalls.bar.actions')}</dt>
              <dd data-testid="phone-call-action-count">{t('phoneCalls.bar.actionCount', { count: call.actions.length })}</dd>
            </div>
            {call.origin === 'SCREEN_POP' ? <div className="phone-call-origin">{t('phoneCalls.bar.screenPop')}</div> : null}
          </dl>
          <span className="phone-call-buttons">
            <button type="button" className="button-secondary" data-testid="phone-call-next" disabled={busy} onClick={() => void startPhoneCall()}>
              {t('phoneCalls.bar.next')}
            </button>
            <button type="button" className="button-primary" data-testid="phone-call-end" disabled={busy} onClick={endPhoneCall}>
              {t('phoneCalls.bar.end')}
            </button>
          </span>
        </div>
      )}
      {waiting !== null && call !== null ? (
        <div className="notice notice-warning phone-call-waiting" role="status" data-testid="phone-call-waiting">
          <p className="notice-message">{t('phoneCalls.bar.waiting', { caller: waiting.telephony?.callerNumber ?? t('phoneCalls.bar.callerUnknown') })}</p>
          <button type="button" className="button-secondary" onClick={endPhoneCall}>
            {t('phoneCalls.bar.goWrapUp')}
          </button>
        </div>
      ) : null}
      {error !== null ? <CallErrorNotice error={error} testId="phone-call-error" /> : null}
    </section>
  );
};
