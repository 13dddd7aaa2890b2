import type { SupervisionCommands } from './commands';

/** The supervision commands' names, so the first screen can call them before their code has arrived. */
export const SUPERVISION_COMMAND_NAMES: { readonly [K in keyof SupervisionCommands]: true } = {
  loadAudit: true,
  loadMoreAudit: true,
  verifyAuditTrail: true,
  startAuditExport: true,
  cancelAuditExport: true,
  openAuditRecordToken: true,
  loadFloor: true,
  showAlertRecords: true,
  showFloorRecord: true,
  internal_applyFloor: true,
  loadAccounts: true,
  changeAccount: true,
};
