import { useTranslation } from 'react-i18next';
import { roleLabelKey } from '../i18n/label-keys';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';

/** Who is signed in, and with which role: what the console shows and hides follows from it. */
export const AgentBadge = () => {
  const { t } = useTranslation();
  const agent = useDeskStore(sessionSelectors.agent);
  if (agent === null) return null;
  return (
    <p className="agent-badge" data-testid="agent-badge" title={agent.agentId}>
      <span className="visually-hidden">{t('session.agentLabel')}: </span>
      <span className="agent-name">{agent.name}</span>
      <span className="agent-id">{agent.agentId}</span>
      <span className="role-badge" data-role={agent.role}>
        <span className="visually-hidden">{t('session.roleLabel')}: </span>
        {t(roleLabelKey[agent.role])}
      </span>
    </p>
  );
};
