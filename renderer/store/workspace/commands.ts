import type { SliceCreator } from '../slice';
import type { WorkspaceSliceState } from './initialState';

/** Long enough for any call; a bound so a runaway paste cannot grow the renderer's memory without limit. */
export const MAX_CALL_NOTES = 20_000;

export interface WorkspaceCommands {
  setCallNotes(text: string): void;
}

export const createWorkspaceCommands: SliceCreator<WorkspaceSliceState & WorkspaceCommands, WorkspaceCommands> = () => (set) => ({
  setCallNotes: (text) => set({ callNotes: text.slice(0, MAX_CALL_NOTES) }),
});
