import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';
import { ModeBadge } from './ModeBadge';

export const AppHeader = () => {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <span className="product-name">{t('product.name')}</span>
      <ModeBadge />
      <span className="header-spacer" />
      <LanguageSwitch />
    </header>
  );
};
