import type { ActionsSliceState } from '../actions/initialState';
import type { PhoneCallSliceState } from './initialState';

type S = PhoneCallSliceState;

export const phoneCallSelectors = {
  current: (s: S) => s.phoneCall,
  isOpen: (s: S) => s.phoneCall !== null,
  waiting: (s: S) => s.phoneCallWaiting,
  recent: (s: S) => s.recentPhoneCalls,
  /** The last phone call this agent ended here, with how far its record got. */
  last: (s: S) => s.recentPhoneCalls[0] ?? null,
  busy: (s: S) => s.phoneCallBusy,
  error: (s: S) => s.phoneCallError,
  notes: (s: S) => s.phoneCallNotes,
  notesRefusal: (s: S) => s.phoneCallNotesRefusal,
  notesSave: (s: S) => s.phoneCallNotesSave,
  wrapUp: (s: S) => s.wrapUp,
  outcomes: (s: S) => s.callOutcomes,
  outcomesStatus: (s: S) => s.callOutcomesStatus,
  outcomesError: (s: S) => s.callOutcomesError,
  serviceNotes: (s: S) => s.serviceNotes,
  signOutAsk: (s: S) => s.signOutAsk,
  /** The issuer's policy as the backend serves it; until it is known, a wrap-up is required. */
  wrapUpRequired: (s: Pick<ActionsSliceState, 'actionPolicy'>) => s.actionPolicy.data?.phoneCalls?.wrapUpRequired ?? true,
};
