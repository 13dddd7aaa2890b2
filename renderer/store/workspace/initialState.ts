import type { CardNumberPlace } from '../../../shared/api/free-text';

export interface WorkspaceSliceState {
  /**
   * The agent's scratch notes for the current call. Renderer memory only: never sent to main or
   * the backend, kept through a lock, cleared on sign-out.
   */
  readonly callNotes: string;
  /** Where the card number stood in the last change refused for holding one; null once a change is taken. */
  readonly callNotesRefusal: CardNumberPlace | null;
}

export const initialWorkspaceState: WorkspaceSliceState = {
  callNotes: '',
  callNotesRefusal: null,
};
