import type { AgentAccount, AuditTrailVerification } from '../../../shared/api/audit';
import type { AuditExport, AuditFilter, AuditPage, ExportFormat, FloorOverview, TypedError } from '../../../shared/contract';

export type AuditRecordView = AuditPage['items'][number];

/** What fills the screen for a supervisor or an administrator: the agent's desk or the supervision area. An agent only ever has the desk. */
export type DeskView = 'desk' | 'supervision';

/** Which load a failure belongs to, so the notice can say what is missing and retry just that. */
export type AuditLoad = 'first' | 'more';

export interface AuditListState {
  /** The filter the list shows (the form's draft lives in the form until applied). */
  readonly filter: AuditFilter;
  /** Every record loaded so far, newest first. */
  readonly items: readonly AuditRecordView[];
  /** Where the next (older) page starts; null once the oldest is loaded, or before the first page. */
  readonly nextCursor: string | null;
  /** True once the first page of this filter has arrived. */
  readonly loaded: boolean;
  readonly loading: AuditLoad | null;
  readonly error: { readonly load: AuditLoad; readonly error: TypedError } | null;
}

export interface AuditExportState {
  /** The export under way, or the last one (done, failed or cancelled), as main reports it. */
  readonly current: AuditExport | null;
  /** Waiting for main's save dialog. */
  readonly starting: boolean;
  /** Main refused to start it (no file chosen is not an error). */
  readonly startError: TypedError | null;
}

export interface VerificationState {
  readonly result: AuditTrailVerification | null;
  readonly checking: boolean;
  readonly error: TypedError | null;
}

export type SupervisionTab = 'audit' | 'floor' | 'accounts' | 'approvals';

/** The supervision area's navigation: in the first screen's code, so the header and the app can switch to it. */
export interface SupervisionNavState {
  readonly deskView: DeskView;
  readonly supervisionTab: SupervisionTab;
}

export interface AccountsState {
  readonly items: readonly AgentAccount[] | null;
  readonly loading: boolean;
  readonly error: TypedError | null;
  /** The account a change is under way for. */
  readonly busy: string | null;
  /** The last change made, to say so beside its account. */
  readonly changed: { readonly agentId: string; readonly change: 'unlock' | 'resetPassword' } | null;
  readonly changeError: { readonly agentId: string; readonly error: TypedError } | null;
}

export interface FloorState {
  readonly overview: FloorOverview | null;
  readonly loading: boolean;
  readonly error: TypedError | null;
}

/** The supervision area's data, filled by commands whose code is loaded only when a supervisor opens it. */
export interface SupervisionSliceState {
  readonly auditList: AuditListState;
  readonly auditExport: AuditExportState;
  readonly auditVerification: VerificationState;
  readonly floor: FloorState;
  readonly accounts: AccountsState;
}

export const initialAuditList: AuditListState = { filter: {}, items: [], nextCursor: null, loaded: false, loading: null, error: null };

export const initialSupervisionNavState: SupervisionNavState = { deskView: 'desk', supervisionTab: 'audit' };

export const initialSupervisionState: SupervisionSliceState = {
  auditList: initialAuditList,
  auditExport: { current: null, starting: false, startError: null },
  auditVerification: { result: null, checking: false, error: null },
  floor: { overview: null, loading: false, error: null },
  accounts: { items: null, loading: false, error: null, busy: null, changed: null, changeError: null },
};

export type { ExportFormat };
