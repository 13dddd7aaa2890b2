import { z } from 'zod';
import { AgentAccount, AgentAccountChanged, AuditFilter as ApiAuditFilter, AuditRecord, AuditTrailVerification } from '../api/audit';
import { AgentId, ApprovalRequestId, IsoDateTime } from '../api/ids';
import { FloorAlert } from '../domain/floor-alerts';
import { pageOf } from '../api/model';
import { TypedError } from './result';

/**
 * The supervisors' calls: the backend's audit trail (list, chain check, export). Core refuses every
 * one of them to an agent (FORBIDDEN_ROLE) before the backend is asked, and the backend refuses
 * them again.
 */

/** The audit list's filters, each optional, as the backend takes them; the period is `from` inclusive, `to` exclusive. */
export const AuditFilter = ApiAuditFilter.strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

/** Where the next (older) page starts: the backend's record sequence. */
const AuditCursor = z.string().regex(/^[1-9][0-9]{0,11}$/, 'a record sequence');

const AuditListInput = z.strictObject({
  filter: AuditFilter,
  cursor: AuditCursor.optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

export const AuditPage = pageOf(AuditRecord);
export type AuditPage = z.infer<typeof AuditPage>;

const ExportFormat = z.enum(['csv', 'jsonl']);
export type ExportFormat = z.infer<typeof ExportFormat>;

const ExportId = z.uuid();

/** An export in main, as its progress events and the start call say it. */
export const AuditExport = z.strictObject({
  exportId: ExportId,
  /** The chosen file's name (not its folder: the renderer never learns where the file system is). */
  fileName: z.string().min(1).max(255),
  format: ExportFormat,
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Records written so far (all of them once done). */
  records: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  /** Why it failed; nothing was left under the chosen name. */
  error: TypedError.nullable(),
});
export type AuditExport = z.infer<typeof AuditExport>;

const AuditExportInput = z.strictObject({ filter: AuditFilter, format: ExportFormat });

/** The export started, or null when the supervisor closed the save dialog without choosing a file. */
const AuditExportStart = z.strictObject({ export: AuditExport.nullable() });

const FloorInput = z.strictObject({
  /** The period shown (a day in the supervisor's own time): its start (inclusive) and end (exclusive). */
  from: IsoDateTime,
  to: IsoDateTime,
});

const Count = z.number().int().nonnegative();
const OperationCounts = z.strictObject({ activate: Count, suspend: Count, resume: Count, delete: Count });
const Hourly = z.array(Count).max(48);

/** One agent's figures for the period, or the team's (every agent together). */
const PeriodFigures = z.strictObject({
  /** Token actions the backend accepted, by kind. */
  actions: OperationCounts,
  /** Token actions the backend refused (a rule, a state, the identity policy). */
  refused: Count,
  /** Accepted actions the token platform then confirmed, and those it failed. */
  confirmed: Count,
  failed: Count,
  phoneCalls: Count,
  /** Median seconds from a phone call's start to its first token action; null without such a call. */
  medianSecondsToFirstAction: z.number().nonnegative().nullable(),
});
export type PeriodFigures = z.infer<typeof PeriodFigures>;

export const FloorOverview = z.strictObject({
  from: IsoDateTime,
  to: IsoDateTime,
  /** The newest token actions and their outcomes in the period, newest first. */
  recent: z.array(AuditRecord).max(50),
  /** What the floor rules raise over the period's trail, each naming the records behind it. */
  alerts: z.array(FloorAlert).max(500),
  agents: z.array(z.strictObject({ agentId: AgentId, name: z.string().max(200), figures: PeriodFigures })).max(1000),
  team: PeriodFigures,
  /** Accepted token actions per hour, by kind: `hours[i]` is the start of the i-th hour. */
  hourly: z.strictObject({ hours: z.array(IsoDateTime).max(48), actions: z.strictObject({ activate: Hourly, suspend: Hourly, resume: Hourly, delete: Hourly }) }),
  /** The period holds more records than the floor reads at once: the figures cover the newest of them. */
  truncated: z.boolean(),
  /** The approval requests waiting for a supervisor now: how many, and the one waiting longest. */
  approvals: z
    .strictObject({
      pending: Count,
      oldest: z.strictObject({ requestId: ApprovalRequestId, requestedAt: IsoDateTime, agentName: z.string().max(200) }).nullable(),
    })
    .optional(),
});
export type FloorOverview = z.infer<typeof FloorOverview>;

/** A record appended to the backend's audit trail, as the live stream brought it (supervisors and administrators only). */
export const AuditAppended = z.strictObject({ record: AuditRecord });
export type AuditAppended = z.infer<typeof AuditAppended>;

/** The supervisors' calls, spread into the contract's table (`calls.ts`). */
export const supervisionCalls = {
  'audit.list': {
    description: "A page of the backend's audit trail, newest first, filtered; supervisors and administrators only.",
    input: AuditListInput,
    output: AuditPage,
  },
  'audit.verify': {
    description: "The backend's check of its whole audit trail: intact, or where and why the chain breaks; supervisors and administrators only.",
    input: z.strictObject({}),
    output: AuditTrailVerification,
  },
  'audit.export': {
    description:
      "Asks where to save (main's save dialog), then writes the filtered audit trail there as CSV or JSON Lines, paged from the backend, in constant memory. Progress comes as export.changed; a cancelled or failed export leaves no file under the chosen name.",
    input: AuditExportInput,
    output: AuditExportStart,
  },
  'audit.cancelExport': {
    description: 'Stops an export under way; false when it had already ended.',
    input: z.strictObject({ exportId: ExportId }),
    output: z.strictObject({ cancelled: z.boolean() }),
  },
  'floor.overview': {
    description:
      "The floor over a period (a day): the newest token actions, the alerts the floor rules raise (activation bursts, activations out of hours, deletes on one cardholder, a console's tampered journal), each agent's and the team's figures, and actions per hour; supervisors and administrators only.",
    input: FloorInput,
    output: FloorOverview,
  },
  'agents.list': {
    description: "The issuer's agent accounts: role, lock state, failed sign-ins in a row, signed in now, last sign-in; supervisors and administrators only.",
    input: z.strictObject({}),
    output: z.strictObject({ items: z.array(AgentAccount).max(5000) }),
  },
  'agents.unlock': {
    description: "Lifts an account's lockout and clears its failed sign-ins; recorded in the audit trail (UNLOCK). Supervisors and administrators only.",
    input: z.strictObject({ agentId: AgentId }),
    output: AgentAccountChanged,
  },
  'agents.resetPassword': {
    description:
      "Training only: sets a training account's password back to its published one, ends its sessions and lifts any lockout; recorded in the audit trail (PASSWORD_RESET). Administrators only.",
    input: z.strictObject({ agentId: AgentId }),
    output: AgentAccountChanged,
  },
} as const;
