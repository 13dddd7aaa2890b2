import type { WorkspaceSliceState } from './initialState';

export const workspaceSelectors = {
  callNotes: (s: WorkspaceSliceState) => s.callNotes,
  callNotesRefusal: (s: WorkspaceSliceState) => s.callNotesRefusal,
};
