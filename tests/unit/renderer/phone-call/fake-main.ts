import { failure, type CallInput, type EndedPhoneCall, type OpenPhoneCall, type PhoneCallState } from '../../../../shared/contract';
import type { fakeTransport } from '../builders';

type Answers = NonNullable<Parameters<typeof fakeTransport>[0]>;

export const buildOpenPhoneCall = (overrides: Partial<OpenPhoneCall> = {}): OpenPhoneCall => ({
  phoneCallId: '0b9d3a52-5f64-4c0e-9a51-3d2f1f0c1a01',
  startedAt: '2026-11-20T10:00:00+09:00',
  origin: 'AGENT',
  telephony: null,
  cardholderId: null,
  actions: [],
  notes: '',
  notesSavedAt: null,
  prefill: null,
  ...overrides,
});

/**
 * Main's phone calls as the renderer sees them over the contract: one open phone call at most,
 * notes kept as they are sent, an end that moves it to the recent list. Enough to drive the slice
 * through its calls; core's own behaviour is tested in tests/unit/core/phone-calls.
 */
export const fakePhoneCallMain = (initial: PhoneCallState = { current: null, waiting: null, recent: [] }) => {
  let state = initial;
  let serial = 0;
  const nextId = (): string => `0b9d3a52-5f64-4c0e-9a51-3d2f1f0c1b${String((serial += 1)).padStart(2, '0')}`;
  const answers: Answers = {
    'phoneCall.state': () => ({ ok: true, data: state }),
    'phoneCall.start': () => {
      if (state.current !== null) return failure('PHONE_CALL_OPEN', 'main-open');
      state = { ...state, current: buildOpenPhoneCall({ phoneCallId: nextId() }) };
      return { ok: true, data: state };
    },
    'phoneCall.update': (input) => {
      const update = input as CallInput<'phoneCall.update'>;
      if (state.current?.phoneCallId !== update.phoneCallId) return failure('NOT_FOUND', 'main-gone');
      const current: OpenPhoneCall = {
        ...state.current,
        ...(update.notes !== undefined ? { notes: update.notes, notesSavedAt: '2026-11-20T10:01:00+09:00' } : {}),
        ...(update.cardholderId !== undefined ? { cardholderId: update.cardholderId, prefill: null } : {}),
      };
      state = { ...state, current };
      return { ok: true, data: current };
    },
    'phoneCall.end': (input) => {
      const end = input as CallInput<'phoneCall.end'>;
      const current = state.current;
      if (current?.phoneCallId !== end.phoneCallId) return failure('NOT_FOUND', 'main-gone');
      const ended: EndedPhoneCall = {
        phoneCallId: current.phoneCallId,
        startedAt: current.startedAt,
        endedAt: '2026-11-20T10:05:00+09:00',
        cardholderId: current.cardholderId,
        outcomeCode: end.outcomeCode,
        closing: end.closing,
        actionCount: current.actions.length,
        delivery: 'QUEUED',
      };
      state = { current: null, waiting: null, recent: [ended, ...state.recent] };
      return { ok: true, data: state };
    },
  };
  return {
    answers,
    state: () => state,
    /** Main's side moving on its own (a screen pop): the new state, to emit as phoneCall.changed. */
    set: (next: PhoneCallState) => {
      state = next;
    },
  };
};
