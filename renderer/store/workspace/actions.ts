import type { StateCreator } from 'zustand';
import type { DeskStore } from '../desk-store';

/** Long enough for any call; a bound so a runaway paste cannot grow the renderer's memory without limit. */
export const MAX_CALL_NOTES = 20_000;

export interface WorkspaceActions {
  setCallNotes(text: string): void;
}

export const createWorkspaceActions = (): StateCreator<DeskStore, [], [], WorkspaceActions> => (set) => ({
  setCallNotes: (text) => set({ callNotes: text.slice(0, MAX_CALL_NOTES) }),
});
