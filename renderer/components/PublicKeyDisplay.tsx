import type { FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicKeyView } from '../../shared/contract';

// Focusing a key selects all of it, so it is copied whole or not at all.
const selectAll = (event: FocusEvent<HTMLTextAreaElement>): void => event.currentTarget.select();

/** The public half of the workstation key, in both forms a backend administrator may ask for. */
export const PublicKeyDisplay = ({ publicKey }: { publicKey: PublicKeyView }) => {
  const { t } = useTranslation();
  const jwk = JSON.stringify(publicKey.publicJwk, null, 2);
  return (
    <section className="public-key" aria-labelledby="public-key-title" data-testid="public-key">
      <h3 id="public-key-title">{t('credentials.publicKeyTitle')}</h3>
      <div className="field">
        <label htmlFor="public-key-jwk">{t('credentials.jwkLabel')}</label>
        <textarea id="public-key-jwk" className="key-text" readOnly rows={jwk.split('\n').length} value={jwk} spellCheck={false} onFocus={selectAll} />
      </div>
      <div className="field">
        <label htmlFor="public-key-pem">{t('credentials.pemLabel')}</label>
        <textarea
          id="public-key-pem"
          className="key-text"
          readOnly
          rows={publicKey.publicKeyPem.trim().split('\n').length}
          value={publicKey.publicKeyPem}
          spellCheck={false}
          onFocus={selectAll}
        />
      </div>
    </section>
  );
};
