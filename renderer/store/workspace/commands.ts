import { cardNumberPlace } from '../../../shared/api/free-text';
import type { SliceCreator } from '../slice';
import type { WorkspaceSliceState } from './initialState';

/** Long enough for any call; a bound so a runaway paste cannot grow the renderer's memory without limit. */
export const MAX_CALL_NOTES = 20_000;

export interface WorkspaceCommands {
  /**
   * The notes changed. A change that would hold a run of digits like a card number is refused
   * whole (typed or pasted): the notes stay as they were, so not even renderer memory keeps one,
   * and the refusal says where the run stood.
   */
  setCallNotes(text: string): void;
}

export const createWorkspaceCommands: SliceCreator<WorkspaceSliceState & WorkspaceCommands, WorkspaceCommands> = () => (set) => ({
  setCallNotes: (text) => {
    const notes = text.slice(0, MAX_CALL_NOTES);
    const refusal = cardNumberPlace(notes);
    set(refusal === null ? { callNotes: notes, callNotesRefusal: null } : { callNotesRefusal: refusal });
  },
});
