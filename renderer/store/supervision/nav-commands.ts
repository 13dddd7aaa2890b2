import type { AuditExport } from '../../../shared/contract';
import type { SessionSliceState } from '../session/initialState';
import type { SliceCreator } from '../slice';
import type { DeskView, SupervisionNavState, SupervisionSliceState, SupervisionTab } from './initialState';
import { supervisionSelectors } from './selectors';

export interface SupervisionNavCommands {
  /** Switches between the desk and the supervision area; an agent stays on the desk whatever is asked. */
  setDeskView(view: DeskView): void;
  setSupervisionTab(tab: SupervisionTab): void;
  /** Main's report of an export: kept while it is the one on screen, or when none is. */
  internal_applyExport(progress: AuditExport): void;
}

/** Synchronous and tiny: the first screen's share of the supervision area. */
export const createSupervisionNavCommands: SliceCreator<SupervisionNavState & Pick<SupervisionSliceState, 'auditExport'> & Pick<SessionSliceState, 'session'> & SupervisionNavCommands, SupervisionNavCommands> =
  () => (set, get) => ({
    setDeskView: (view) => set({ deskView: view === 'supervision' && !supervisionSelectors.canSupervise(get()) ? 'desk' : view }),
    setSupervisionTab: (tab) => set({ supervisionTab: tab }),
    internal_applyExport: (progress) =>
      set((s) => {
        const current = s.auditExport.current;
        if (current !== null && current.exportId !== progress.exportId && current.state === 'running') return {};
        return { auditExport: { ...s.auditExport, current: progress } };
      }),
  });
