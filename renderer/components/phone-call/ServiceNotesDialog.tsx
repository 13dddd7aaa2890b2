import { useTranslation } from 'react-i18next';
import type { Cardholder } from '../../../shared/api/model';
import { formatDateTime } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import type { ServiceNotesView } from '../../store/phone-call/initialState';
import { useDeskStore } from '../../store/store-context';
import { ModalDialog } from '../actions/ModalDialog';
import { CallErrorNotice } from '../CallErrorNotice';
import { serviceNoteCategoryKey } from './phone-call-label-keys';

/** The cardholder's service notes in full, newest first: what each says, who wrote it and when. */
export const ServiceNotesDialog = ({ view, cardholder }: { view: ServiceNotesView; cardholder: Cardholder | null }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const close = useDeskStore((s) => s.closeServiceNotes);
  const reload = useDeskStore((s) => s.openServiceNotes);
  const name = cardholder?.cardholderId === view.cardholderId ? (cardholder.name.kanji ?? cardholder.name.latin) : null;
  return (
    <ModalDialog
      title={t('phoneCalls.serviceNotes.title')}
      subtitle={name !== null ? `${name} (${view.cardholderId})` : view.cardholderId}
      onClose={close}
      testId="service-notes-dialog"
      footer={
        <button type="button" className="button-primary" data-testid="action-submit" onClick={close}>
          {t('phoneCalls.serviceNotes.close')}
        </button>
      }
    >
      {view.status === 'loading' ? <p className="hint">{t('phoneCalls.serviceNotes.loading')}</p> : null}
      {view.status === 'failed' && view.error !== null ? (
        <CallErrorNotice error={view.error} title={t('phoneCalls.serviceNotes.failed')} onRetry={() => void reload()} retryLabel={t('phoneCalls.serviceNotes.retry')} />
      ) : null}
      {view.status === 'ready' && view.items.length === 0 ? <p>{t('phoneCalls.serviceNotes.none')}</p> : null}
      {view.items.length > 0 ? (
        <ol className="service-note-list" data-testid="service-note-list">
          {view.items.map((note) => (
            <li key={note.noteId} className="service-note" data-category={note.category}>
              <p className="service-note-head">
                <span className="service-note-category">{t(serviceNoteCategoryKey[note.category])}</span>
                <span className="service-note-by">
                  {note.author.name}
                  {note.author.team !== null ? `（${note.author.team}）` : ''}
                </span>
                <time className="service-note-at" dateTime={note.writtenAt}>
                  {formatDateTime(note.writtenAt, language)}
                </time>
              </p>
              <p className="service-note-text">{note.text}</p>
            </li>
          ))}
        </ol>
      ) : null}
    </ModalDialog>
  );
};
