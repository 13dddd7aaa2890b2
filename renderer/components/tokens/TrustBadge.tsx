import { useTranslation } from 'react-i18next';
import type { LevelOfTrust } from '../../../shared/api/model';
import { useLanguage } from '../../hooks/use-language';
import { idvLabelKey, trustLabelKey } from '../../i18n/lookup-label-keys';

/** The level of trust at digitization: green, red, or yellow with the step-up methods offered. */
export const TrustBadge = ({ trust }: { trust: LevelOfTrust }) => {
  const { t } = useTranslation();
  // A Japanese list of short labels reads best with the middle dot; English with commas.
  const separator = useLanguage() === 'ja' ? '・' : ', ';
  const decision = t(trustLabelKey[trust.decision]);
  const methods = trust.idvMethods.map((method) => t(idvLabelKey[method])).join(separator);
  return (
    <span className="trust-badge" data-decision={trust.decision}>
      <span className="trust-dot" aria-hidden="true" />
      {trust.decision === 'YELLOW' && methods !== '' ? t('tokens.trust.withMethods', { decision, methods }) : decision}
    </span>
  );
};
