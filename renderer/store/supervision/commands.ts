import type { AuditRecord } from '../../../shared/api/audit';
import type { AuditFilter, ExportFormat, FloorOverview } from '../../../shared/contract';
import type { FloorAlert } from '../../../shared/domain/floor-alerts';
import type { CardholderCommands } from '../cardholder/commands';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import { initialAuditList, type AuditListState, type SupervisionSliceState } from './initialState';
import type { SupervisionNavCommands } from './nav-commands';

/** Rows per page: a screen and a half of the table, so scrolling pages in well ahead of the reader. */
const AUDIT_PAGE_SIZE = 100;

/** `to` is exclusive in the audit filter: one millisecond past the alert's last record includes it. */
const justAfter = (iso: string): string => new Date(Date.parse(iso) + 1).toISOString();

/** The audit filter that lists the records behind an alert. */
const filterFor = (alert: FloorAlert): AuditFilter => {
  switch (alert.rule) {
    case 'ACTIVATIONS_PER_HOUR':
    case 'OUTSIDE_BUSINESS_HOURS':
      return { agentId: alert.agentId, kind: 'TOKEN_ACTION', from: alert.from, to: justAfter(alert.to) };
    case 'DELETES_ON_CARDHOLDER':
      return { cardholderId: alert.cardholderId, kind: 'TOKEN_ACTION', from: alert.from, to: justAfter(alert.to) };
    case 'TAMPERED_JOURNAL':
      return { kind: 'INTEGRITY_REPORT', from: alert.at, to: justAfter(alert.at) };
  }
};

/** Today in the supervisor's own time: midnight to midnight. */
const today = (now = new Date()): { from: string; to: string } => {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const end = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
};

export interface SupervisionCommands {
  /** Shows the first page of the trail for this filter (the current one when none is given). */
  loadAudit(filter?: AuditFilter): Promise<void>;
  /** The next (older) page, when there is one and none is loading. */
  loadMoreAudit(): Promise<void>;
  /** Asks the backend to check the whole chain of its trail. */
  verifyAuditTrail(): Promise<void>;
  /** Main asks where to save, then writes the filtered set; progress comes as events. */
  startAuditExport(format: ExportFormat): Promise<void>;
  cancelAuditExport(): Promise<void>;
  /** Opens the token a record concerns in the desk's own history view (its cardholder, the token selected). */
  openAuditRecordToken(recordId: string): Promise<void>;
  /** The floor over today, in the supervisor's own time. */
  loadFloor(): Promise<void>;
  /** Shows the records behind a floor alert in the audit list. */
  showAlertRecords(alert: FloorAlert): Promise<void>;
  /** A record of the floor's live feed: its action and outcome in the audit list (its correlation id), or its token's history on the desk. */
  showFloorRecord(record: AuditRecord, where: 'audit' | 'token'): Promise<void>;
  /** main's floor.changed: core folded a new audit record or an approval's change into the floor. */
  internal_applyFloor(overview: FloorOverview): Promise<void>;
  loadAccounts(): Promise<void>;
  /** Lifts an account's lockout (supervisors and administrators), or resets a training password (administrators). */
  changeAccount(agentId: string, change: 'unlock' | 'resetPassword'): Promise<void>;
}

type Needs = SupervisionSliceState & SupervisionCommands & CallsMain & Pick<SupervisionNavCommands, 'setDeskView' | 'setSupervisionTab'> & Pick<CardholderCommands, 'openCardholder' | 'selectToken'>;

export const createSupervisionCommands: SliceCreator<Needs, SupervisionCommands> = () => (set, get) => {
  const patchList = (change: Partial<AuditListState>): void => set((s) => ({ auditList: { ...s.auditList, ...change } }));
  /** Bumped by each new filter: a page that comes back for an older one is dropped. */
  let generation = 0;

  return {
    loadAudit: async (filter) => {
      const shown = filter ?? get().auditList.filter;
      generation += 1;
      const mine = generation;
      set({ auditList: { ...initialAuditList, filter: shown, loading: 'first' } });
      const result = await get().internal_call('audit.list', { filter: shown, limit: AUDIT_PAGE_SIZE }, { showsOwnError: true });
      if (mine !== generation) return;
      if (result.ok) patchList({ items: result.data.items, nextCursor: result.data.nextCursor, loaded: true, loading: null });
      else patchList({ loading: null, error: { load: 'first', error: result.error } });
    },

    loadMoreAudit: async () => {
      const list = get().auditList;
      if (list.loading !== null || list.nextCursor === null) return;
      const mine = generation;
      patchList({ loading: 'more', error: null });
      const result = await get().internal_call('audit.list', { filter: list.filter, cursor: list.nextCursor, limit: AUDIT_PAGE_SIZE }, { showsOwnError: true });
      if (mine !== generation) return;
      if (result.ok) {
        const known = new Set(get().auditList.items.map((item) => item.recordId));
        const fresh = result.data.items.filter((item) => !known.has(item.recordId));
        patchList({ items: [...get().auditList.items, ...fresh], nextCursor: result.data.nextCursor, loading: null });
      } else patchList({ loading: null, error: { load: 'more', error: result.error } });
    },

    verifyAuditTrail: async () => {
      if (get().auditVerification.checking) return;
      set((s) => ({ auditVerification: { ...s.auditVerification, checking: true, error: null } }));
      const result = await get().internal_call('audit.verify', {}, { showsOwnError: true });
      set({ auditVerification: result.ok ? { result: result.data, checking: false, error: null } : { result: null, checking: false, error: result.error } });
    },

    startAuditExport: async (format) => {
      const { auditExport, auditList } = get();
      if (auditExport.starting || auditExport.current?.state === 'running') return;
      set({ auditExport: { ...auditExport, starting: true, startError: null } });
      const result = await get().internal_call('audit.export', { filter: auditList.filter, format }, { showsOwnError: true });
      set((s) => ({
        auditExport: result.ok
          ? // An event may have told of its progress before the answer came: keep the newer.
            { current: s.auditExport.current?.exportId === result.data.export?.exportId ? s.auditExport.current : (result.data.export ?? s.auditExport.current), starting: false, startError: null }
          : { ...s.auditExport, starting: false, startError: result.error },
      }));
    },

    cancelAuditExport: async () => {
      const current = get().auditExport.current;
      if (current?.state !== 'running') return;
      await get().internal_call('audit.cancelExport', { exportId: current.exportId }, { showsOwnError: true });
    },

    openAuditRecordToken: async (recordId) => {
      const record = get().auditList.items.find((item) => item.recordId === recordId);
      if (record === undefined || record.cardholder === null || record.token === null) return;
      get().setDeskView('desk');
      await get().openCardholder(record.cardholder.cardholderId);
      get().selectToken(record.token.virtualCardId);
    },

    loadFloor: async () => {
      if (get().floor.loading) return;
      set((s) => ({ floor: { ...s.floor, loading: true } }));
      const result = await get().internal_call('floor.overview', today(), { showsOwnError: true });
      set((s) => ({ floor: result.ok ? { overview: result.data, loading: false, error: null } : { ...s.floor, loading: false, error: result.error } }));
    },

    loadAccounts: async () => {
      set((s) => ({ accounts: { ...s.accounts, loading: true, error: null } }));
      const result = await get().internal_call('agents.list', {}, { showsOwnError: true });
      set((s) => ({ accounts: result.ok ? { ...s.accounts, items: result.data.items, loading: false } : { ...s.accounts, loading: false, error: result.error } }));
    },

    changeAccount: async (agentId, change) => {
      if (get().accounts.busy !== null) return;
      set((s) => ({ accounts: { ...s.accounts, busy: agentId, changed: null, changeError: null } }));
      const result = await get().internal_call(change === 'unlock' ? 'agents.unlock' : 'agents.resetPassword', { agentId }, { showsOwnError: true });
      set((s) => ({
        accounts: result.ok
          ? { ...s.accounts, busy: null, changed: { agentId, change }, items: (s.accounts.items ?? []).map((item) => (item.agentId === agentId ? result.data.agent : item)) }
          : { ...s.accounts, busy: null, changeError: { agentId, error: result.error } },
      }));
    },

    showAlertRecords: async (alert) => {
      get().setSupervisionTab('audit');
      await get().loadAudit(filterFor(alert));
    },

    showFloorRecord: async (record, where) => {
      if (where === 'token') {
        if (record.cardholder === null || record.token === null) return;
        get().setDeskView('desk');
        await get().openCardholder(record.cardholder.cardholderId);
        get().selectToken(record.token.virtualCardId);
        return;
      }
      get().setSupervisionTab('audit');
      await get().loadAudit(record.correlationId !== null ? { correlationId: record.correlationId } : { from: record.at, to: justAfter(record.at), kind: record.kind });
    },

    // Only a floor already read is followed: core sends nothing before the first read.
    internal_applyFloor: (overview) => {
      set((s) => ({ floor: { ...s.floor, overview, error: null } }));
      return Promise.resolve();
    },
  };
};
