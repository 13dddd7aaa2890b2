import type { ApprovalQueueCommands } from './commands';

/** The queue's command names, so the first screen can call them before their code has arrived. */
export const APPROVAL_QUEUE_COMMAND_NAMES: { readonly [K in keyof ApprovalQueueCommands]: true } = {
  loadApprovalQueue: true,
  decideApproval: true,
  loadApprovalContext: true,
  openApprovalToken: true,
};
