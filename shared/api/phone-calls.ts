import { z } from 'zod';
import { TOKEN_OPERATIONS } from '../domain/transitions';
import { FreeText } from './free-text';
import { AgentId, CardholderId, CorrelationId, IsoDateTime, LastFour, VirtualCardId, WorkstationId } from './ids';
import { Role } from './model';

/**
 * The cardholder's telephone call as the unit of an agent's work (a "phone call" in code; "call"
 * is an IPC call here): when it started and ended, who took it, the cardholder once identified, the
 * token actions taken in it, the agent's notes and the outcome chosen at the wrap-up. The console
 * sends one record per phone call (`POST /api/v1/calls`, idempotent by `phoneCallId`);
 * supervisors read them (`GET /api/v1/calls`).
 */

export const PhoneCallId = z.uuid();

/** An outcome code from the issuer's list (`GET /api/v1/call-outcomes`), e.g. ACTIVATED_AFTER_VERIFICATION. */
export const OutcomeCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,39}$/, '2–40 of A–Z 0–9 _, starting with a letter');
export type OutcomeCode = z.infer<typeof OutcomeCode>;

/** The longest notes a phone call keeps: enough for any call, a bound for a runaway paste. */
export const PHONE_CALL_NOTES_MAX = 20_000;

/** The agent's notes as they come in from anyone: refused with a card number in them, before anything keeps them. */
export const PhoneCallNotes = FreeText(PHONE_CALL_NOTES_MAX);

/** One outcome of the issuer's list, with its label in both UI languages. */
export const CallOutcome = z.strictObject({
  code: OutcomeCode,
  label: z.strictObject({ ja: FreeText(60).min(1), en: FreeText(60).min(1) }),
});
export type CallOutcome = z.infer<typeof CallOutcome>;

/** The issuer's outcome list as an administrator saves it: at least one, each code once. */
export const CallOutcomeList = z
  .strictObject({ items: z.array(CallOutcome).min(1).max(50) })
  .superRefine((list, context) => {
    const seen = new Set<string>();
    for (const [index, outcome] of list.items.entries()) {
      if (seen.has(outcome.code)) context.addIssue({ code: 'custom', path: ['items', index, 'code'], message: 'each code appears once' });
      seen.add(outcome.code);
    }
  });
export type CallOutcomeList = z.infer<typeof CallOutcomeList>;

/** How the phone call began: the agent started it, or the phone system's screen pop did. */
export const PhoneCallOrigin = z.enum(['AGENT', 'SCREEN_POP']);
export type PhoneCallOrigin = z.infer<typeof PhoneCallOrigin>;

/**
 * How it was closed:
 * - WRAP_UP: the agent chose an outcome and saved the wrap-up;
 * - SKIPPED: the next phone call started without a wrap-up, which the issuer's policy allows;
 * - DISCARDED: the agent signed out and chose to discard it (its notes are not kept);
 * - LEFT_OPEN: another agent signed in on this workstation while it was open (its notes are kept).
 */
export const PhoneCallClosing = z.enum(['WRAP_UP', 'SKIPPED', 'DISCARDED', 'LEFT_OPEN']);
export type PhoneCallClosing = z.infer<typeof PhoneCallClosing>;

/**
 * The caller's number as the phone system gave it, masked before anything keeps it: the country or
 * area prefix and the last four digits (`+8190****5678`), as the backend masks contact numbers, so
 * the console never holds a usable number and never a run of digits like a card number.
 */
const MaskedCallerNumber = z.string().regex(/^\+?[0-9]{0,4}\*{1,15}[0-9]{0,4}$/, 'a masked number: prefix, asterisks, last four');

/** The phone system's own id of the call, to find it in the phone system's records. */
export const TelephonyCallId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, '1–64 of A–Z a–z 0–9 _ . : -');

export const Telephony = z.strictObject({
  callId: TelephonyCallId.nullable(),
  callerNumber: MaskedCallerNumber.nullable(),
});
export type Telephony = z.infer<typeof Telephony>;

/** A token action taken during the phone call: the audit record of the same actionId says how it ended. */
export const PhoneCallAction = z.strictObject({
  actionId: z.uuid(),
  correlationId: CorrelationId,
  operation: z.enum(TOKEN_OPERATIONS),
  virtualCardId: VirtualCardId,
  tokenLastFour: LastFour,
});
export type PhoneCallAction = z.infer<typeof PhoneCallAction>;

export const MAX_PHONE_CALL_ACTIONS = 200;

const recordShape = {
  phoneCallId: PhoneCallId,
  agent: z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role }),
  workstationId: WorkstationId,
  startedAt: IsoDateTime,
  endedAt: IsoDateTime,
  origin: PhoneCallOrigin,
  telephony: Telephony.nullable(),
  /** The cardholder the agent identified, once they did; null when nobody was. */
  cardholderId: CardholderId.nullable(),
  actions: z.array(PhoneCallAction).max(MAX_PHONE_CALL_ACTIONS),
  notes: z.string().max(PHONE_CALL_NOTES_MAX),
  /** Chosen at the wrap-up; null when the phone call closed without one. */
  outcomeCode: OutcomeCode.nullable(),
  closing: PhoneCallClosing,
};

/** A wrap-up has an outcome and nothing else does; a discarded phone call keeps no notes; time runs forward. */
const checkRecord = (record: { outcomeCode: string | null; closing: PhoneCallClosing; notes: string; startedAt: string; endedAt: string }, context: z.RefinementCtx): void => {
  if (record.closing === 'WRAP_UP' && record.outcomeCode === null) context.addIssue({ code: 'custom', path: ['outcomeCode'], message: 'a wrap-up names an outcome' });
  if (record.closing !== 'WRAP_UP' && record.outcomeCode !== null) context.addIssue({ code: 'custom', path: ['outcomeCode'], message: 'only a wrap-up names an outcome' });
  if (record.closing === 'DISCARDED' && record.notes !== '') context.addIssue({ code: 'custom', path: ['notes'], message: 'a discarded phone call keeps no notes' });
  if (Date.parse(record.endedAt) < Date.parse(record.startedAt)) context.addIssue({ code: 'custom', path: ['endedAt'], message: 'not before startedAt' });
};

/** A phone call's record as it is kept and read back. */
export const PhoneCallRecord = z.strictObject(recordShape).superRefine(checkRecord);
export type PhoneCallRecord = z.infer<typeof PhoneCallRecord>;

/** A record as a console sends it (`POST /api/v1/calls`): notes without a card number, so the backend never stores one. */
export const PhoneCallSubmission = z.strictObject({ ...recordShape, notes: PhoneCallNotes }).superRefine(checkRecord);

export const PhoneCallStored = z.object({ phoneCallId: PhoneCallId, receivedAt: IsoDateTime });

/** A record as supervisors list it: with when the backend received it. */
export const StoredPhoneCall = z.object({ ...recordShape, receivedAt: IsoDateTime });
export type StoredPhoneCall = z.infer<typeof StoredPhoneCall>;

/** A service note about a cardholder: what colleagues want the next agent to know before acting. */
export const ServiceNote = z.object({
  noteId: z.string().regex(/^SN[A-Z0-9]{8,30}$/),
  cardholderId: CardholderId,
  writtenAt: IsoDateTime,
  /** Who wrote it: a person's name and their team, as the issuer's CRM keeps them. */
  author: z.object({ name: z.string().min(1).max(200), team: z.string().min(1).max(100).nullable() }),
  category: z.enum(['CAUTION', 'PREFERENCE', 'HISTORY']),
  text: z.string().min(1).max(2000),
});
export type ServiceNote = z.infer<typeof ServiceNote>;

/** A cardholder's service notes, newest first. */
export const ServiceNotes = z.object({ cardholderId: CardholderId, items: z.array(ServiceNote).max(100) });
export type ServiceNotes = z.infer<typeof ServiceNotes>;
