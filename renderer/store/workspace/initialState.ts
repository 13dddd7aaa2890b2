export interface WorkspaceSliceState {
  /**
   * The agent's scratch notes for the current call. Renderer memory only: never sent to main or
   * the backend, kept through a lock, cleared on sign-out.
   */
  readonly callNotes: string;
}

export const initialWorkspaceState: WorkspaceSliceState = {
  callNotes: '',
};
