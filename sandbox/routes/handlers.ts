import type { ApprovalBook } from '../approvals/approval-book';
import { withCallRecords } from '../audit/call-records';
import type { AuditTrail } from '../audit/trail';
import type { AgentDirectory } from '../auth/agents';
import type { JwtBearerGrant } from '../auth/jwt-bearer';
import type { CallbackIngest } from '../callbacks/ingest';
import type { TrainingClock } from '../clock/training-clock';
import type { FaultInjector } from '../http/faults';
import type { ClockSchedule } from '../clock/clock-schedule';
import type { SandboxStore } from '../store/store';
import type { TspConfirmations } from '../store/tsp-confirmation';
import { agentSessionHandlers } from './agent-sessions';
import { approvalHandlers } from './approvals';
import { agentAccountHandlers } from './agents';
import { auditHandlers } from './audit';
import { callbackHandlers } from './callbacks';
import { cardholderHandlers } from './cardholders';
import type { Handlers } from './context';
import { eventStreamHandlers } from './events-stream';
import { floorAlertSettingsHandlers } from './floor-alert-settings';
import { notificationHandlers } from './notifications';
import { oauthHandlers } from './oauth';
import { integrityReportHandlers } from './integrity-reports';
import { phoneCallHandlers } from './phone-calls';
import { operationHandlers } from './operations';
import { policyHandlers } from './policy';
import { serviceNoteHandlers } from './service-notes';
import { tokenHandlers } from './tokens';
import { trainingHandlers } from './training';

export interface HandlerServices {
  readonly store: SandboxStore;
  readonly agents: AgentDirectory;
  readonly grant: JwtBearerGrant;
  /** Null on a sandbox standing in for a connected backend. */
  readonly faults: FaultInjector | null;
  readonly heartbeatMs?: number;
  /** Applies accepted token operations when the (simulated) TSP confirms them. */
  readonly confirmations: TspConfirmations;
  /** Where every callback changes tokens. */
  readonly ingest: CallbackIngest;
  readonly clock: TrainingClock;
  readonly reminders: ClockSchedule;
  readonly issuerId: string;
  /** The audit trail every state-changing call writes to (`audit.append`). */
  readonly audit: AuditTrail;
  /** Four-eyes approval requests, and their expiry on the training clock. */
  readonly approvals: ApprovalBook;
  readonly approvalExpiry: ClockSchedule;
}

/** One handler per endpoint of the table; the type makes a missing one a compile error. */
const allHandlers = (services: HandlerServices): Handlers => ({
  ...oauthHandlers(services.grant),
  ...agentSessionHandlers(services.agents),
  ...agentAccountHandlers(services.agents),
  ...cardholderHandlers(services.store),
  ...tokenHandlers(services.store),
  ...operationHandlers(services.store, services.confirmations, services.faults, services.audit),
  ...policyHandlers(services.store),
  ...auditHandlers(services.audit),
  ...notificationHandlers(services.store),
  ...phoneCallHandlers(services.store),
  ...integrityReportHandlers(),
  ...serviceNoteHandlers(services.store),
  ...callbackHandlers(services.store, services.ingest, services.clock, services.issuerId),
  ...eventStreamHandlers(services.store, services.heartbeatMs === undefined ? {} : { heartbeatMs: services.heartbeatMs }),
  ...approvalHandlers(services.store, services.approvals, services.clock),
  ...floorAlertSettingsHandlers(services.store, services.audit),
  ...trainingHandlers(services),
});

/**
 * The handlers, with the calls whose records the trail needs beyond their own handler's (settings,
 * templates, phone calls) wrapped by sandbox/audit/call-records.ts.
 */
export const createHandlers = (services: HandlerServices): Handlers => withCallRecords(allHandlers(services), services.store, services.audit);
