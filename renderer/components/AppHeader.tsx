import { useTranslation } from 'react-i18next';
import { AgentBadge } from './AgentBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { ModeBadge } from './ModeBadge';
import { SessionControls } from './SessionControls';
import { UpdateNotice } from './UpdateNotice';

export const AppHeader = () => {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <span className="product-name">{t('product.name')}</span>
      <ModeBadge />
      <span className="header-spacer" />
      <UpdateNotice />
      <AgentBadge />
      <SessionControls />
      <LanguageSwitch />
    </header>
  );
};
