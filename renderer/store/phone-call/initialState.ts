import type { CardNumberPlace } from '../../../shared/api/free-text';
import type { CallOutcome, EndedPhoneCall, OpenPhoneCall, ServiceNote, TypedError, WaitingScreenPop } from '../../../shared/contract';

/** What comes after a saved wrap-up: nothing, the next phone call, or signing out. */
export type WrapUpThen = 'none' | 'next' | 'signOut';

/** The wrap-up dialog: the outcome chosen, and why saving has not worked yet. */
export interface WrapUp {
  readonly then: WrapUpThen;
  /** '' until chosen. */
  readonly outcomeCode: string;
  /** Saving was tried without an outcome. */
  readonly outcomeMissing: boolean;
  readonly saving: boolean;
  readonly error: TypedError | null;
}

export type OutcomesStatus = 'idle' | 'loading' | 'ready' | 'failed';

/** The service-notes dialog of the cardholder on screen. */
export interface ServiceNotesView {
  readonly cardholderId: string;
  readonly status: 'loading' | 'ready' | 'failed';
  readonly items: readonly ServiceNote[];
  readonly error: TypedError | null;
}

export type NotesSave = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface PhoneCallSliceState {
  /** The open phone call as main keeps it; null when none is open. */
  readonly phoneCall: OpenPhoneCall | null;
  /** A screen pop waiting for this phone call to be wrapped up. */
  readonly phoneCallWaiting: WaitingScreenPop | null;
  /** This agent's phone calls ended on this workstation, newest first, with how far each record got. */
  readonly recentPhoneCalls: readonly EndedPhoneCall[];
  /** Main's phone-call state has been read since sign-in. */
  readonly phoneCallLoaded: boolean;
  /** A start or an end is on its way to main. */
  readonly phoneCallBusy: boolean;
  /** The last start or end main refused (shown in the phone-call bar). */
  readonly phoneCallError: TypedError | null;
  /** The notes as typed; main keeps what was last saved (debounced). */
  readonly phoneCallNotes: string;
  /** Where the card number stood in the last change refused for holding one; null once a change is taken. */
  readonly phoneCallNotesRefusal: CardNumberPlace | null;
  readonly phoneCallNotesSave: NotesSave;
  readonly wrapUp: WrapUp | null;
  readonly callOutcomes: readonly CallOutcome[];
  readonly callOutcomesStatus: OutcomesStatus;
  readonly callOutcomesError: TypedError | null;
  readonly serviceNotes: ServiceNotesView | null;
  /** Sign-out was asked for while a phone call is open: the console asks what to do with it first. */
  readonly signOutAsk: boolean;
  /** The phone call whose screen pop was applied (search filled, cardholder opened), so it is applied once. */
  readonly prefillAppliedFor: string | null;
}

export const initialPhoneCallState: PhoneCallSliceState = {
  phoneCall: null,
  phoneCallWaiting: null,
  recentPhoneCalls: [],
  phoneCallLoaded: false,
  phoneCallBusy: false,
  phoneCallError: null,
  phoneCallNotes: '',
  phoneCallNotesRefusal: null,
  phoneCallNotesSave: 'idle',
  wrapUp: null,
  callOutcomes: [],
  callOutcomesStatus: 'idle',
  callOutcomesError: null,
  serviceNotes: null,
  signOutAsk: false,
  prefillAppliedFor: null,
};
