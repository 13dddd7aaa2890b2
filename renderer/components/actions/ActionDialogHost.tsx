import { useEffect } from 'react';
import { actionsSelectors } from '../../store/actions/selectors';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { onDemand, usePreloadOnIdle } from '../on-demand';
import './actions.css';

const dialogs = () => import('./action-dialogs');
const ActivateDialog = onDemand(() => dialogs().then((module) => module.ActivateDialog));
const BulkActionDialog = onDemand(() => dialogs().then((module) => module.BulkActionDialog));
const LostDeviceDialog = onDemand(() => dialogs().then((module) => module.LostDeviceDialog));
const TokenActionDialog = onDemand(() => dialogs().then((module) => module.TokenActionDialog));
const PRELOADED = [TokenActionDialog, ActivateDialog, LostDeviceDialog, BulkActionDialog];

/**
 * The open action dialog, if any (or the lost-device chooser that leads to one), its code loaded on
 * demand (fetched ahead once the first screen is idle), and the session's actions: the issuer's policy and the
 * workstation's actions load when the workspace appears (resumed ones included, so a reload shows
 * them); `action.changed` keeps them current (the store's event router).
 */
export const ActionDialogHost = () => {
  const dialog = useDeskStore(actionsSelectors.dialog);
  const choosingDevice = useDeskStore(cardholderSelectors.deviceChooserOpen);
  const loadActionPolicy = useDeskStore((s) => s.loadActionPolicy);
  const loadActions = useDeskStore((s) => s.loadActions);
  const loadOwnApprovals = useDeskStore((s) => s.loadOwnApprovals);

  usePreloadOnIdle(PRELOADED);
  useEffect(() => {
    void loadActionPolicy();
    void loadActions();
    void loadOwnApprovals();
  }, [loadActionPolicy, loadActions, loadOwnApprovals]);

  if (dialog === null) return choosingDevice ? <LostDeviceDialog.Component /> : null;
  const { target } = dialog;
  if (target.kind === 'bulk') return <BulkActionDialog.Component key={dialog.draftKey} target={target} />;
  if (target.operation === 'activate') return <ActivateDialog.Component key={dialog.draftKey} target={target} />;
  return <TokenActionDialog.Component key={dialog.draftKey} target={{ ...target, operation: target.operation }} />;
};
