import { useEffect } from 'react';
import { actionsSelectors } from '../../store/actions/selectors';
import { cardholderSelectors } from '../../store/cardholder/selectors';
import { useDeskStore } from '../../store/store-context';
import { ActivateDialog } from './ActivateDialog';
import { BulkActionDialog } from './BulkActionDialog';
import { LostDeviceDialog } from './LostDeviceDialog';
import { TokenActionDialog } from './TokenActionDialog';
import './actions.css';

/**
 * The open action dialog, if any (or the lost-device chooser that leads to one), and the session's actions: the issuer's policy and the
 * workstation's actions load when the workspace appears (resumed ones included, so a reload shows
 * them); `action.changed` keeps them current (the store's event router).
 */
export const ActionDialogHost = () => {
  const dialog = useDeskStore(actionsSelectors.dialog);
  const choosingDevice = useDeskStore(cardholderSelectors.deviceChooserOpen);
  const loadActionPolicy = useDeskStore((s) => s.loadActionPolicy);
  const loadActions = useDeskStore((s) => s.loadActions);
  const loadOwnApprovals = useDeskStore((s) => s.loadOwnApprovals);

  useEffect(() => {
    void loadActionPolicy();
    void loadActions();
    void loadOwnApprovals();
  }, [loadActionPolicy, loadActions, loadOwnApprovals]);

  if (dialog === null) return choosingDevice ? <LostDeviceDialog /> : null;
  const { target } = dialog;
  if (target.kind === 'bulk') return <BulkActionDialog key={dialog.draftKey} target={target} />;
  if (target.operation === 'activate') return <ActivateDialog key={dialog.draftKey} target={target} />;
  return <TokenActionDialog key={dialog.draftKey} target={{ ...target, operation: target.operation }} />;
};
