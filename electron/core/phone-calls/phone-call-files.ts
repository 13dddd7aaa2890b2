import { z } from 'zod';
import { AgentId, IsoDateTime, WorkstationId } from '../../../shared/api/ids';
import { Role } from '../../../shared/api/model';
import { PhoneCallRecord } from '../../../shared/api/phone-calls';
import { OpenPhoneCall } from '../../../shared/contract/phone-calls';

/**
 * What main keeps of phone calls on disk, read back through these schemas so a damaged file is
 * reported and kept aside, never half-trusted:
 * - `<profile>/phone-calls/current.json`: the open phone call, notes included, so a reload, a
 *   crash or an idle lock loses nothing;
 * - `<profile>/phone-calls/outbox/<phoneCallId>.json`: each ended phone call's record, written
 *   ahead before it is sent and kept with how far its delivery got.
 */
export const PHONE_CALL_FILE_VERSION = 1;

const FileAgent = z.strictObject({ agentId: AgentId, name: z.string().min(1).max(200), role: Role });

export const PhoneCallDraft = z.strictObject({
  version: z.literal(PHONE_CALL_FILE_VERSION),
  /** The agent whose phone call it is: only they see it, and its record goes out as theirs. */
  agent: FileAgent,
  workstationId: WorkstationId,
  call: OpenPhoneCall,
});
export type PhoneCallDraft = z.infer<typeof PhoneCallDraft>;

const PhoneCallDelivery = z.enum(['QUEUED', 'STORED', 'REFUSED']);

export const PhoneCallOutboxEntry = z.strictObject({
  version: z.literal(PHONE_CALL_FILE_VERSION),
  record: PhoneCallRecord,
  delivery: PhoneCallDelivery,
  /** When the backend stored it. */
  storedAt: IsoDateTime.nullable(),
  /** The backend's refusal (its code and field), kept for support; the record is not sent again. */
  refusal: z.strictObject({ code: z.string().regex(/^[A-Z0-9_]{2,40}$/), field: z.string().max(200).nullable() }).nullable(),
});
export type PhoneCallOutboxEntry = z.infer<typeof PhoneCallOutboxEntry>;
