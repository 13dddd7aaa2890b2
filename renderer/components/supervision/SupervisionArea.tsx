import { AuditScreen } from './AuditScreen';
import { useSupervisionTranslation } from './supervision-messages';
import './supervision.css';

/**
 * The supervisors' and administrators' area, in place of the desk: loaded (with its messages and
 * styles) only when one of them opens it. Its screens are tabs; the audit trail is the first.
 */
export const SupervisionArea = () => {
  const { t } = useSupervisionTranslation();
  return (
    <section className="supervision-area" data-testid="supervision-area" aria-label={t('area.title')}>
      <div className="supervision-tabs" role="tablist" aria-label={t('area.tabsLabel')}>
        <button type="button" role="tab" id="supervision-tab-audit" aria-selected="true" aria-controls="supervision-panel-audit">
          {t('area.audit')}
        </button>
      </div>
      <div className="supervision-panel" role="tabpanel" id="supervision-panel-audit" aria-labelledby="supervision-tab-audit">
        <AuditScreen />
      </div>
    </section>
  );
};
