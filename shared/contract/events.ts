import { z } from 'zod';
import { Settings } from './calls';
import { SessionStatus } from './session';
import { ConfigView } from './config';
import { LiveReset, LiveStatus, TokenChanged } from './lookup';
import { ActionView } from './actions';
import { UpdateReady } from './updates';
import { PhoneCallState } from './phone-calls';
import { ApprovalChanged, ApprovalView } from './approvals';
import { IntegrityNotices } from './integrity';
import { AuditAppended, AuditExport, FloorOverview } from './supervision';

/**
 * Events from main to the renderer, declared once. They travel on one channel as
 * `{ name, payload }`; main validates before sending, the renderer validates on receipt.
 */
export const events = {
  'settings.changed': Settings,
  'session.changed': SessionStatus,
  'config.changed': ConfigView,
  'live.status': LiveStatus,
  'token.changed': TokenChanged,
  'live.reset': LiveReset,
  /** An action's state changed (sent, accepted, confirmed, failed, resumed after a restart). */
  'action.changed': ActionView,
  /** The console's own update is downloaded and verified: the header shows a small notice. */
  'update.ready': UpdateReady,
  /** The phone call started, ended, took an action or identified its cardholder, or a screen pop came. */
  'phoneCall.changed': PhoneCallState,
  /** Main found its audit journal or an outbox entry damaged, or a supervisor has now been told: the banner shows them all. */
  'integrity.changed': IntegrityNotices,
  /** An audit export in main moved on (records written), or ended: done, failed or cancelled. */
  'export.changed': AuditExport,
  /** An approval request changed on the backend: asked, approved, rejected, expired, run. */
  'approval.changed': ApprovalChanged,
  /** One of the signed-in agent's own approval requests moved on (sent, stored, refused, decided, run): the actions tray shows it. */
  'approvalRequest.changed': ApprovalView,
  /** A record appended to the backend's audit trail (the live stream; supervisors and administrators only). */
  'audit.appended': AuditAppended,
  /** The floor a supervisor reads moved on: core folded a new audit record or an approval's change into it. */
  'floor.changed': FloorOverview,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const eventNames = Object.keys(events) as EventName[];

export const EventEnvelope = z.strictObject({
  name: z.enum(eventNames as [EventName, ...EventName[]]),
  payload: z.unknown(),
});
export type EventEnvelope = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** Validates a raw envelope and its payload against the declared schema for its name. */
export const parseEventEnvelope = (raw: unknown): EventEnvelope | null => {
  const envelope = EventEnvelope.safeParse(raw);
  if (!envelope.success) return null;
  const payload = events[envelope.data.name].safeParse(envelope.data.payload);
  if (!payload.success) return null;
  return { name: envelope.data.name, payload: payload.data } as EventEnvelope;
};
