import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../store/store-context';
import { supervisionSelectors } from '../store/supervision/selectors';
import { AgentBadge } from './AgentBadge';
import { LanguageSwitch } from './LanguageSwitch';
import { ModeBadge } from './ModeBadge';
import { SessionControls } from './SessionControls';
import { UpdateNotice } from './UpdateNotice';
import { ViewSwitch } from './ViewSwitch';

export const AppHeader = () => {
  const { t } = useTranslation();
  const canSupervise = useDeskStore(supervisionSelectors.canSupervise);
  return (
    <header className="app-header">
      <span className="product-name">{t('product.name')}</span>
      <ModeBadge />
      {canSupervise ? <ViewSwitch /> : null}
      <span className="header-spacer" />
      <UpdateNotice />
      <AgentBadge />
      <SessionControls />
      <LanguageSwitch />
    </header>
  );
};
