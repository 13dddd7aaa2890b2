import { ApiFailure } from '../http/errors';
import type { SandboxStore } from '../store/store';
import type { HandlersFor } from './context';

/** A cardholder's service notes in full, newest first: what the 対応メモあり badge opens. */
export const serviceNoteHandlers = (store: SandboxStore): HandlersFor<'listServiceNotes'> => ({
  listServiceNotes: ({ params }) => {
    if (!store.cardholders.has(params.cardholderId)) throw new ApiFailure('UNKNOWN_CARDHOLDER', 'No cardholder has this id.', 'cardholderId');
    return { cardholderId: params.cardholderId, items: [...store.serviceNotesOf(params.cardholderId)] };
  },
});
