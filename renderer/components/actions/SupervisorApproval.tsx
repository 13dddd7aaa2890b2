import { useTranslation } from 'react-i18next';

/**
 * The place for a supervisor's approval of an Option D activation that a risk rule flagged
 * (docs/domain.md, "Option D"). The supervisors' approval request belongs here once it exists; until
 * then this says what the agent does instead, and offers no button that looks as if it would send.
 */
export const SupervisorApproval = () => {
  const { t } = useTranslation();
  return (
    <p className="supervisor-approval" data-testid="supervisor-approval">
      <strong>{t('keyboard.optionD.supervisor')}</strong>
    </p>
  );
};
