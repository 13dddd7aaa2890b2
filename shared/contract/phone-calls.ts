import { z } from 'zod';
import { CardholderId, IsoDateTime } from '../api/ids';
import {
  CallOutcome,
  CallOutcomeList,
  MAX_PHONE_CALL_ACTIONS,
  OutcomeCode,
  PHONE_CALL_NOTES_MAX,
  PhoneCallAction,
  PhoneCallClosing,
  PhoneCallId,
  PhoneCallNotes,
  PhoneCallOrigin,
  ServiceNote,
  ServiceNotes,
  Telephony,
} from '../api/phone-calls';

/**
 * The phone call over IPC. Main keeps the open phone call (its notes draft in the profile, so a
 * reload, a crash or an idle lock loses nothing), records the token actions taken during it, and
 * at the end writes the record ahead to a durable outbox that sends it to the backend.
 */
export { CallOutcome, CallOutcomeList, PHONE_CALL_NOTES_MAX, ServiceNote, ServiceNotes, Telephony };

/** What a screen pop asked the console to look up; the renderer applies it once. */
export const PhoneCallPrefill = z.strictObject({ customerId: CardholderId.nullable() });
export type PhoneCallPrefill = z.infer<typeof PhoneCallPrefill>;

/** The phone call open on this workstation for the signed-in agent. */
export const OpenPhoneCall = z.strictObject({
  phoneCallId: PhoneCallId,
  startedAt: IsoDateTime,
  origin: PhoneCallOrigin,
  telephony: Telephony.nullable(),
  /** The cardholder the agent identified; null until they open one. */
  cardholderId: CardholderId.nullable(),
  /** The token actions taken during it, in the order they were asked for. */
  actions: z.array(PhoneCallAction).max(MAX_PHONE_CALL_ACTIONS),
  notes: z.string().max(PHONE_CALL_NOTES_MAX),
  /** When main last kept the notes on disk; null before the first save. */
  notesSavedAt: IsoDateTime.nullable(),
  prefill: PhoneCallPrefill.nullable(),
});
export type OpenPhoneCall = z.infer<typeof OpenPhoneCall>;

/**
 * A phone call that ended on this workstation, and how far its record got: QUEUED (written ahead,
 * being sent), STORED (the backend has it) or REFUSED (the backend said no; kept on disk for support).
 */
export const EndedPhoneCall = z.strictObject({
  phoneCallId: PhoneCallId,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  cardholderId: CardholderId.nullable(),
  outcomeCode: OutcomeCode.nullable(),
  closing: PhoneCallClosing,
  actionCount: z.number().int().min(0).max(MAX_PHONE_CALL_ACTIONS),
  delivery: z.enum(['QUEUED', 'STORED', 'REFUSED']),
});
export type EndedPhoneCall = z.infer<typeof EndedPhoneCall>;

/** A screen pop that came while a phone call was open: it starts once that one is wrapped up. */
export const WaitingScreenPop = z.strictObject({
  receivedAt: IsoDateTime,
  telephony: Telephony.nullable(),
  prefill: PhoneCallPrefill,
});
export type WaitingScreenPop = z.infer<typeof WaitingScreenPop>;

export const PhoneCallState = z.strictObject({
  current: OpenPhoneCall.nullable(),
  waiting: WaitingScreenPop.nullable(),
  /** The signed-in agent's phone calls ended on this workstation, newest first. */
  recent: z.array(EndedPhoneCall).max(20),
});
export type PhoneCallState = z.infer<typeof PhoneCallState>;

export const UpdatePhoneCallInput = z.strictObject({
  phoneCallId: PhoneCallId,
  notes: PhoneCallNotes.optional(),
  /** The cardholder the agent identified (opened) during the phone call. */
  cardholderId: CardholderId.optional(),
});

export const EndPhoneCallInput = z
  .strictObject({
    phoneCallId: PhoneCallId,
    /** WRAP_UP with an outcome; SKIPPED when the next phone call starts without one (if the policy allows); DISCARDED at sign-out. */
    closing: z.enum(['WRAP_UP', 'SKIPPED', 'DISCARDED']),
    outcomeCode: OutcomeCode.nullable(),
    /** The notes as the agent last saw them; a discarded phone call's are not kept. */
    notes: PhoneCallNotes,
  })
  .superRefine((input, context) => {
    if (input.closing === 'WRAP_UP' && input.outcomeCode === null) context.addIssue({ code: 'custom', path: ['outcomeCode'], message: 'a wrap-up names an outcome' });
    if (input.closing !== 'WRAP_UP' && input.outcomeCode !== null) context.addIssue({ code: 'custom', path: ['outcomeCode'], message: 'only a wrap-up names an outcome' });
  });
export type EndPhoneCallInput = z.infer<typeof EndPhoneCallInput>;

export const ServiceNotesInput = z.strictObject({ cardholderId: CardholderId });
