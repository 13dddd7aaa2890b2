import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Token } from '../../../shared/api/model';
import { useLanguage } from '../../hooks/use-language';
import { actionsSelectors, explainedRefusals, offeredOperations } from '../../store/actions/selectors';
import { useDeskStore } from '../../store/store-context';
import { ActionProgress } from './ActionProgress';
import { openLabelKey, operationLabelKey } from './action-label-keys';
import { failureLines, refusalText } from './describe-action';
import './actions.css';

/**
 * The selected token's actions, in its row under the sentence that explains it: the operations the transition table allows
 * under the issuer's policy, why the ones an agent would look for are not there (with the rule),
 * the token's latest action and its progress, and "all tokens on this device" for a lost phone.
 */
export const TokenActionsPanel = ({ token }: { token: Token }) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const { policy, busy, latest } = useDeskStore(
    useShallow((s) => ({
      policy: actionsSelectors.policyData(s),
      busy: actionsSelectors.busy(token.virtualCardId)(s),
      latest: actionsSelectors.latestFor(token.virtualCardId)(s),
    })),
  );
  const open = useDeskStore((s) => s.openTokenAction);
  const openBulk = useDeskStore((s) => s.openBulkAction);
  const offered = offeredOperations(token, policy);
  const refusals = explainedRefusals(token, policy);
  const deviceName = token.device.name ?? t('tokens.unnamedDevice');

  return (
    <section
      className="token-actions"
      aria-label={t('actions.panel.label')}
      data-testid="token-actions"
      // The grid opens the history on Enter and Space; here they press the button that has the focus.
      onKeyDown={(event) => {
        if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof HTMLButtonElement) event.stopPropagation();
      }}
      onClick={(event) => event.stopPropagation()}
    >
      <div className="token-actions-buttons">
        {offered.map((operation) => (
          <button
            key={operation}
            type="button"
            className={operation === 'delete' ? 'button-danger-quiet' : operation === 'activate' ? 'button-primary' : 'button-secondary'}
            disabled={busy}
            data-operation={operation}
            onClick={() => open(operation, token)}
          >
            {t(openLabelKey[operation])}
          </button>
        ))}
        {token.state !== 'DELETED' ? (
          <button
            type="button"
            className="button-secondary"
            title={t('actions.panel.deviceLabel', { device: deviceName })}
            data-testid="bulk-device"
            onClick={() =>
              openBulk({
                scope: { kind: 'DEVICE', cardholderId: token.cardholderId, tokenStorageId: token.device.tokenStorageId },
                cardLabel: null,
                deviceName,
              })
            }
          >
            {t('actions.open.bulkDevice')}
          </button>
        ) : null}
      </div>
      {offered.length === 0 && refusals.length === 0 ? <p className="hint">{t('actions.panel.none')}</p> : null}
      {busy ? (
        <p className="hint" data-testid="token-actions-busy">
          {t('actions.panel.busy')}
        </p>
      ) : null}
      {refusals.length > 0 ? (
        <ul className="token-actions-refusals" data-testid="token-actions-refusals">
          {refusals.map(({ operation, rule }) => (
            <li key={operation} data-operation={operation} data-rule={rule}>
              <strong>{t('actions.panel.notOffered', { operation: t(operationLabelKey[operation]) })}</strong> {refusalText(rule, token.suspendedBy, t, language)}{' '}
              <span className="rule-id">{t('actions.panel.rule', { rule })}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {latest !== undefined ? (
        // The row's chip above says where it is; here, why it failed, and the rest on demand.
        <div className="token-actions-latest" data-testid="token-action-progress" data-status={latest.status} data-action-id={latest.actionId}>
          {latest.failure !== null ? <p className="token-actions-failure">{failureLines(latest.failure, t, language).join(' ')}</p> : null}
          <details className="action-more">
            <summary>{t('actions.status.details')}</summary>
            <ActionProgress action={latest} testId="token-action-detail" />
          </details>
        </div>
      ) : null}
    </section>
  );
};
