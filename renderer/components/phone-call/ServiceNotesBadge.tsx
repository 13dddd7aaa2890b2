import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../store/store-context';

/** 対応メモあり: a button that opens the cardholder's service notes, for the agent to read before acting. */
export const ServiceNotesBadge = () => {
  const { t } = useTranslation();
  const open = useDeskStore((s) => s.openServiceNotes);
  return (
    <button
      type="button"
      className="service-notes"
      data-testid="service-notes"
      title={t('cardholder.serviceNotesHint')}
      aria-label={`${t('cardholder.serviceNotes')}: ${t('phoneCalls.serviceNotes.open')}`}
      onClick={() => void open()}
    >
      <span className="service-notes-mark" aria-hidden="true">
        !
      </span>
      {t('cardholder.serviceNotes')}
    </button>
  );
};
