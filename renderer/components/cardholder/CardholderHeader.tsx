import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Cardholder } from '../../../shared/api/model';
import { formatDateTime, formatUtc } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { ariaKeyShortcuts, currentPlatform, shortcutOf } from '../../keyboard/keymap';
import { contactChannelLabelKey } from '../../i18n/lookup-label-keys';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { LookupErrorNotice } from '../common/LookupErrorNotice';
import { PersonNameView } from '../common/PersonNameView';
import { ServiceNotesBadge } from '../phone-call/ServiceNotesBadge';
import { StaleMarker } from '../common/StaleMarker';

interface CardholderHeaderProps {
  readonly cardholder: Cardholder;
  readonly headingRef: Ref<HTMLHeadingElement>;
}

/** Name in every form, customer id, masked contact channels, the service-notes flag; reload, and any reload failure. */
export const CardholderHeader = ({ cardholder, headingRef }: CardholderHeaderProps) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const { error, stale, loadedAt, loading } = useDeskStore(
    useShallow((s) => ({
      error: cardholderSelectors.error(s),
      stale: cardholderSelectors.stale(s),
      loadedAt: cardholderSelectors.loadedAt(s),
      loading: cardholderSelectors.status(s) === 'loading',
    })),
  );
  const reloadCardholder = useDeskStore((s) => s.reloadCardholder);
  const openDeviceChooser = useDeskStore((s) => s.openDeviceChooser);
  const lostShortcut = shortcutOf('lostDevice', currentPlatform());
  return (
    <div className="cardholder-header-block">
      <header className="cardholder-header" data-stale={stale || undefined}>
        <div className="cardholder-title">
          <h1 id="cardholder-heading" ref={headingRef} tabIndex={-1}>
            <PersonNameView name={cardholder.name} />
          </h1>
          {cardholder.hasServiceNotes ? (
            <ServiceNotesBadge />
          ) : (
            <span className="service-notes-none">{t('cardholder.noServiceNotes')}</span>
          )}
        </div>
        <dl className="cardholder-facts">
          <div>
            <dt>{t('cardholder.customerId')}</dt>
            <dd>
              <code className="selectable" data-testid="cardholder-id">
                {cardholder.cardholderId}
              </code>
            </dd>
          </div>
          <div>
            <dt>{t('cardholder.contacts')}</dt>
            <dd className="contacts">
              {cardholder.contacts.length === 0 ? <span className="cell-muted">{t('cardholder.noContacts')}</span> : null}
              {cardholder.contacts.map((contact) => (
                <span key={`${contact.channel}-${contact.masked}`} className="contact">
                  <span className="contact-channel">{t(contactChannelLabelKey[contact.channel])}</span> {contact.masked}
                </span>
              ))}
            </dd>
          </div>
        </dl>
        <div className="cardholder-actions">
          {loadedAt !== null ? (
            <span className="loaded-at" title={formatUtc(loadedAt)}>
              {t('cardholder.loadedAt', { time: formatDateTime(loadedAt, language) })}
            </span>
          ) : null}
          {/* A lost phone is the cardholder's, not one token's: every card's tokens on it, chosen by device. */}
          <button
            type="button"
            className="button-secondary lost-device-button"
            data-testid="lost-device"
            aria-keyshortcuts={ariaKeyShortcuts('lostDevice')}
            title={lostShortcut}
            onClick={openDeviceChooser}
          >
            {t('keyboard.commands.lostDevice')}
          </button>
          <button type="button" className="button-secondary" onClick={() => void reloadCardholder()} disabled={loading} aria-busy={loading}>
            {t('cardholder.reload')}
          </button>
        </div>
      </header>
      {cardholder.hasServiceNotes ? <p className="service-notes-hint">{t('cardholder.serviceNotesHint')}</p> : null}
      {error !== null ? (
        <LookupErrorNotice
          error={error}
          title="errorsView.cardholderRefresh"
          notFound="errorsView.notFoundCardholder"
          onRetry={() => void reloadCardholder()}
          testId="cardholder-error"
        />
      ) : null}
      {stale ? <StaleMarker asOf={loadedAt} testId="cardholder-stale" /> : null}
    </div>
  );
};
