import { useTranslation } from 'react-i18next';
import type { EndedPhoneCall, Language } from '../../../shared/contract';
import { phoneCallClosingKey, phoneCallDeliveryKey } from './phone-call-label-keys';
import { formatTimeOfDay } from './phone-call-format';

/** The agent's last phone call in one line: when, and whether its record has reached the backend. */
export const LastPhoneCall = ({ last, language }: { last: EndedPhoneCall; language: Language }) => {
  const { t } = useTranslation();
  return (
    <span className="phone-call-last" data-testid="phone-call-last" data-delivery={last.delivery} data-phone-call-id={last.phoneCallId}>
      <span className="phone-call-last-label">{t('phoneCalls.bar.last')}</span>{' '}
      {t('phoneCalls.bar.lastTimes', { start: formatTimeOfDay(last.startedAt, language), end: formatTimeOfDay(last.endedAt, language) })}
      {last.cardholderId !== null ? <code className="selectable"> {last.cardholderId}</code> : null}
      {last.closing !== 'WRAP_UP' ? <span className="phone-call-closing"> {t(phoneCallClosingKey[last.closing])}</span> : null}
      <span className="phone-call-delivery" data-delivery={last.delivery}>
        {t(phoneCallDeliveryKey[last.delivery])}
      </span>
    </span>
  );
};
