// The action dialogs, loaded together on demand (ActionDialogHost): one chunk, fetched once the
// first screen is idle, instead of part of every console's first screen.
export { ActivateDialog } from './ActivateDialog';
export { BulkActionDialog } from './BulkActionDialog';
export { LostDeviceDialog } from './LostDeviceDialog';
export { TokenActionDialog } from './TokenActionDialog';
