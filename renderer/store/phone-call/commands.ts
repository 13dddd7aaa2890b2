import { cardNumberPlace } from '../../../shared/api/free-text';
import { PHONE_CALL_NOTES_MAX, type PhoneCallState } from '../../../shared/contract';
import type { ActionsSliceState } from '../actions/initialState';
import type { CardholderCommands } from '../cardholder/commands';
import type { CardholderSliceState } from '../cardholder/initialState';
import { reportBug } from '../run-busy';
import type { SearchCommands } from '../search/commands';
import type { SessionCommands } from '../session/commands';
import type { SliceCreator, StoreCore } from '../slice';
import type { CallsMain } from '../status/commands';
import type { PhoneCallSliceState, WrapUpThen } from './initialState';

/** Long enough that a typist's next keys join the same save, short enough that a crash loses a few words at most. */
export const NOTES_SAVE_DEBOUNCE_MS = 600;

export interface PhoneCallCommands {
  /**
   * The next caller: a phone call starts and the screen belongs to them. With one open, its wrap-up
   * comes first (the dialog opens, and the next phone call starts once it is saved), unless the
   * issuer's policy lets it close without one.
   */
  startPhoneCall(): Promise<void>;
  /** Ends the open phone call: the wrap-up asks for the outcome and shows the notes and the actions. */
  endPhoneCall(): void;
  setWrapUpOutcome(outcomeCode: string): void;
  /** Saves the wrap-up: the record goes to main's outbox; the caller's screen is cleared. */
  saveWrapUp(): Promise<void>;
  cancelWrapUp(): void;
  /**
   * The notes changed. A change that would hold a run of digits like a card number is refused whole
   * (typed or pasted): the notes stay as they were, and the refusal says where the run stood. The
   * notes go to main a moment after the agent stops typing.
   */
  setPhoneCallNotes(text: string): void;
  /** Sends the notes typed since the last save now (before a wrap-up, a sign-out). */
  flushPhoneCallNotes(): Promise<void>;
  /** Sign-out, asking first when a phone call is open (wrap up, or discard and sign out). */
  requestSignOut(): Promise<void>;
  cancelSignOutAsk(): void;
  wrapUpAndSignOut(): void;
  discardPhoneCallAndSignOut(): Promise<void>;
  /** The open cardholder's service notes in full (the 対応メモあり badge). */
  openServiceNotes(): Promise<void>;
  closeServiceNotes(): void;
  loadCallOutcomes(): Promise<void>;
  /** Reads main's phone-call state (after sign-in, a reload). */
  internal_loadPhoneCall(): Promise<void>;
  /** Main's phoneCall.changed event: a phone call that ended takes its caller's screen with it. */
  internal_applyPhoneCallState(state: PhoneCallState): void;
  /** A cardholder was opened: during a phone call, main records them as the caller; without one, one starts. */
  internal_identifyCaller(cardholderId: string): void;
  /** Searching with no phone call open starts one (the search typed stays). */
  internal_ensurePhoneCall(): void;
}

type Needs = PhoneCallSliceState &
  PhoneCallCommands &
  CallsMain &
  StoreCore &
  Pick<ActionsSliceState, 'actionPolicy'> &
  Pick<CardholderSliceState, 'openCardholderId'> &
  Pick<CardholderCommands, 'openCardholder'> &
  Pick<SearchCommands, 'setSearchText' | 'submitSearch'> &
  Pick<SessionCommands, 'signOut'>;

export const createPhoneCallCommands: SliceCreator<Needs, PhoneCallCommands> =
  (deps) =>
  (set, get) => {
    let notesTimer: ReturnType<typeof setTimeout> | null = null;
    /** The notes text main has (or is being sent), so an unchanged text is not sent again. */
    let notesSent: string | null = null;
    let starting: Promise<void> | null = null;

    const clearNotesTimer = (): void => {
      if (notesTimer !== null) clearTimeout(notesTimer);
      notesTimer = null;
    };

    const wrapUpRequired = (): boolean => get().actionPolicy.data?.phoneCalls?.wrapUpRequired ?? true;

    /** Main's state (an answer or a phoneCall.changed event): a phone call that ended takes its caller's screen with it. */
    const applyState = (state: PhoneCallState): void => {
      const before = get().phoneCall;
      const next = state.current;
      const ended = before !== null && before.phoneCallId !== next?.phoneCallId;
      const began = next !== null && next.phoneCallId !== before?.phoneCallId;
      if (ended) {
        clearNotesTimer();
        // The caller's screen goes with their phone call: nothing of them stays under the next name.
        set({ ...get().internal_phoneCallClearedState(), phoneCallNotes: '', phoneCallNotesRefusal: null, phoneCallNotesSave: 'idle', serviceNotes: null });
      }
      if (began) {
        // What main kept (after a reload or a crash); for a phone call that typing started, what was typed.
        const typed = before === null && next.notes === '' ? get().phoneCallNotes : '';
        notesSent = next.notes;
        if (typed !== '') {
          clearNotesTimer();
          notesTimer = setTimeout(() => void saveNotes(), NOTES_SAVE_DEBOUNCE_MS);
        } else {
          set({ phoneCallNotes: next.notes, phoneCallNotesRefusal: null, phoneCallNotesSave: next.notesSavedAt === null ? 'idle' : 'saved' });
        }
      }
      set({ phoneCall: next, phoneCallWaiting: state.waiting, recentPhoneCalls: state.recent, phoneCallLoaded: true, ...(next === null ? { phoneCallError: null } : {}) });
      if (!began) return;
      // Back to this caller's cardholder (a reload), or look up whom the phone system named.
      if (next.cardholderId !== null) {
        if (get().openCardholderId !== next.cardholderId) void get().openCardholder(next.cardholderId);
      } else if (next.prefill?.customerId && get().prefillAppliedFor !== next.phoneCallId) {
        set({ prefillAppliedFor: next.phoneCallId });
        get().setSearchText(next.prefill.customerId);
        get().submitSearch();
      }
    };

    /**
     * phoneCall.changed events applied so far. Main's answer (to a start, an end, a read) is its state
     * when it answered, and main announces every change: an event that came in while the answer was
     * on its way is as new or newer, so that answer is not applied over it (a record shown as stored
     * would go back to "sending", a phone call a screen pop started would vanish).
     */
    let eventsApplied = 0;
    const apply = (sentAfter: number, result: { ok: true; data: PhoneCallState } | { ok: false }): void => {
      if (result.ok && eventsApplied === sentAfter) applyState(result.data);
    };

    const saveNotes = async (): Promise<void> => {
      clearNotesTimer();
      const call = get().phoneCall;
      const notes = get().phoneCallNotes;
      if (call === null || notes === notesSent) return;
      notesSent = notes;
      set({ phoneCallNotesSave: 'saving' });
      const result = await get().internal_call('phoneCall.update', { phoneCallId: call.phoneCallId, notes }, { showsOwnError: true });
      if (get().phoneCall?.phoneCallId !== call.phoneCallId) return;
      if (!result.ok) {
        notesSent = null;
        set({ phoneCallNotesSave: 'failed' });
        return;
      }
      // Newer typing is on its way in its own save.
      if (get().phoneCallNotes === notes) set({ phoneCallNotesSave: 'saved' });
    };

    const openWrapUp = (then: WrapUpThen): void => {
      if (get().phoneCall === null) return;
      set({ wrapUp: { then, outcomeCode: '', outcomeMissing: false, saving: false, error: null }, signOutAsk: false });
      void saveNotes();
      if (get().callOutcomesStatus !== 'ready') void get().loadCallOutcomes();
    };

    const start = async (): Promise<void> => {
      set({ phoneCallBusy: true, phoneCallError: null });
      try {
        const sentAfter = eventsApplied;
        const result = await get().internal_call('phoneCall.start', {}, { showsOwnError: true });
        if (result.ok) {
          apply(sentAfter, result);
          return;
        }
        set({ phoneCallError: result.error });
        // Another window or a screen pop started one meanwhile: show what main has.
        if (result.error.code === 'PHONE_CALL_OPEN') await get().internal_loadPhoneCall();
      } catch (error) {
        set({ phoneCallError: reportBug(deps, error) });
      } finally {
        set({ phoneCallBusy: false });
      }
    };

    /** Ends the open phone call as `closing` says; resolves with main's answer applied, or false. */
    const end = async (closing: 'WRAP_UP' | 'SKIPPED' | 'DISCARDED', outcomeCode: string | null): Promise<boolean> => {
      const call = get().phoneCall;
      if (call === null) return true;
      clearNotesTimer();
      const sentAfter = eventsApplied;
      const result = await get().internal_call(
        'phoneCall.end',
        { phoneCallId: call.phoneCallId, closing, outcomeCode, notes: get().phoneCallNotes },
        { showsOwnError: true },
      );
      if (!result.ok) {
        if (get().wrapUp !== null) set((s) => ({ wrapUp: s.wrapUp && { ...s.wrapUp, error: result.error } }));
        else set({ phoneCallError: result.error });
        return false;
      }
      apply(sentAfter, result);
      return true;
    };

    return {
      startPhoneCall: async () => {
        if (get().phoneCallBusy || get().wrapUp !== null) return;
        if (get().phoneCall !== null) {
          if (wrapUpRequired()) {
            openWrapUp('next');
            return;
          }
          set({ phoneCallBusy: true, phoneCallError: null });
          const ended = await end('SKIPPED', null).finally(() => set({ phoneCallBusy: false }));
          if (!ended) return;
        }
        // Whatever is on screen between two phone calls belongs to nobody's call: the new caller starts clean.
        set(get().internal_phoneCallClearedState());
        await start();
      },

      endPhoneCall: () => openWrapUp('none'),

      setWrapUpOutcome: (outcomeCode) => set((s) => ({ wrapUp: s.wrapUp && { ...s.wrapUp, outcomeCode, outcomeMissing: false, error: null } })),

      saveWrapUp: async () => {
        const wrapUp = get().wrapUp;
        if (wrapUp === null || wrapUp.saving) return;
        if (wrapUp.outcomeCode === '') {
          set({ wrapUp: { ...wrapUp, outcomeMissing: true } });
          return;
        }
        // The notes hold what the agent last saw; a refused change was never taken into them.
        set({ wrapUp: { ...wrapUp, saving: true, error: null } });
        let ended = false;
        try {
          ended = await end('WRAP_UP', wrapUp.outcomeCode);
        } catch (error) {
          set((s) => ({ wrapUp: s.wrapUp && { ...s.wrapUp, error: reportBug(deps, error) } }));
        } finally {
          set((s) => ({ wrapUp: s.wrapUp && { ...s.wrapUp, saving: false } }));
        }
        if (!ended) return;
        set({ wrapUp: null });
        if (wrapUp.then === 'signOut') await get().signOut();
        // A screen pop that waited has started the next phone call already.
        else if (wrapUp.then === 'next' && get().phoneCall === null) await start();
      },

      cancelWrapUp: () => set({ wrapUp: null }),

      setPhoneCallNotes: (text) => {
        const notes = text.slice(0, PHONE_CALL_NOTES_MAX);
        const refusal = cardNumberPlace(notes);
        if (refusal !== null) {
          set({ phoneCallNotesRefusal: refusal });
          return;
        }
        set({ phoneCallNotes: notes, phoneCallNotesRefusal: null, phoneCallNotesSave: 'pending' });
        clearNotesTimer();
        // Writing notes is taking a call: with none open, one starts, and these notes are its first.
        if (get().phoneCall === null) get().internal_ensurePhoneCall();
        else notesTimer = setTimeout(() => void saveNotes(), NOTES_SAVE_DEBOUNCE_MS);
      },

      flushPhoneCallNotes: () => saveNotes(),

      requestSignOut: async () => {
        if (get().phoneCall !== null) {
          set({ signOutAsk: true });
          return;
        }
        await get().signOut();
      },

      cancelSignOutAsk: () => set({ signOutAsk: false }),

      wrapUpAndSignOut: () => openWrapUp('signOut'),

      discardPhoneCallAndSignOut: async () => {
        set({ signOutAsk: false });
        if (await end('DISCARDED', null)) await get().signOut();
      },

      openServiceNotes: async () => {
        const cardholderId = get().openCardholderId;
        if (cardholderId === null) return;
        set({ serviceNotes: { cardholderId, status: 'loading', items: [], error: null } });
        const result = await get().internal_call('serviceNotes.list', { cardholderId }, { showsOwnError: true });
        if (get().serviceNotes?.cardholderId !== cardholderId) return;
        set({
          serviceNotes: result.ok
            ? { cardholderId, status: 'ready', items: result.data.items, error: null }
            : { cardholderId, status: 'failed', items: [], error: result.error },
        });
      },

      closeServiceNotes: () => set({ serviceNotes: null }),

      loadCallOutcomes: async () => {
        set({ callOutcomesStatus: 'loading', callOutcomesError: null });
        const result = await get().internal_call('phoneCall.outcomes', {}, { showsOwnError: true });
        set(result.ok ? { callOutcomes: result.data.items, callOutcomesStatus: 'ready' } : { callOutcomesStatus: 'failed', callOutcomesError: result.error });
      },

      internal_loadPhoneCall: async () => {
        const sentAfter = eventsApplied;
        const result = await get().internal_call('phoneCall.state', {}, { showsOwnError: true });
        apply(sentAfter, result);
      },

      internal_applyPhoneCallState: (state) => {
        eventsApplied += 1;
        applyState(state);
      },

      internal_identifyCaller: (cardholderId) => {
        const call = get().phoneCall;
        if (call === null) {
          get().internal_ensurePhoneCall();
          return;
        }
        if (call.cardholderId === cardholderId) return;
        void get()
          .internal_call('phoneCall.update', { phoneCallId: call.phoneCallId, cardholderId }, { showsOwnError: true })
          .then((result) => {
            if (result.ok && get().phoneCall?.phoneCallId === result.data.phoneCallId) set({ phoneCall: { ...result.data, notes: get().phoneCallNotes } });
          });
      },

      internal_ensurePhoneCall: () => {
        if (get().phoneCall !== null || get().phoneCallBusy || starting !== null) return;
        starting = (async () => {
          // Main may have one open already (a reload, a screen pop): that one is the call.
          if (!get().phoneCallLoaded) await get().internal_loadPhoneCall();
          if (get().phoneCall === null) await start();
        })().finally(() => {
          starting = null;
          // The cardholder opened before the phone call existed is its caller.
          const opened = get().openCardholderId;
          if (opened !== null && get().phoneCall !== null) get().internal_identifyCaller(opened);
        });
      },
    };
  };
