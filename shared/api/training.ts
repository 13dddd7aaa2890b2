import { z } from 'zod';
import { IsoDateTime, VirtualCardId } from './ids';
import { TokenActionPolicy } from './policy';

/**
 * The training backend's own calls (`/training/v1/…`): a simulator that plays the wallet or the
 * TSP, and fault injection for tests. A connected backend does not have them; the sandbox answers
 * TRAINING_ONLY when it stands in for one.
 */

/** What a wallet or the TSP does to a token, as `notifyVirtualCardChange.action` says it. */
export const SimulatedAction = z.enum(['SUSPEND', 'RESUME', 'DELETE', 'DELETE_FROM_APP']);
export type SimulatedAction = z.infer<typeof SimulatedAction>;

/** The simulator plays the parties outside the issuer; issuer changes are the agents' actions. */
export const SimulatedSource = z.enum(['WALLET', 'TSP']);
export type SimulatedSource = z.infer<typeof SimulatedSource>;

export const SimulateRequest = z.strictObject({
  virtualCardId: VirtualCardId,
  action: SimulatedAction,
  source: SimulatedSource,
  /** Recorded on the TokenEvent; a typical code for the action and source when absent. */
  reasonCode: z.string().regex(/^[A-Z_]{1,40}$/, 'capitals and _').optional(),
});
export type SimulateRequest = z.infer<typeof SimulateRequest>;

/**
 * How a matched request misbehaves:
 * - `status-500` / `status-503`: answered at once with SYSTEM_ERROR / UNAVAILABLE (category S), the work not done;
 * - `reset`: the connection is destroyed before the work, without an answer;
 * - `reset-after-work`: the work is done, then the connection is destroyed instead of answering;
 * - `delay`: waits `delayMs`, then handles the request normally;
 * - `schema-break`: the work is done and the success body loses a required field;
 * - `timeout-after-work`: the work is done, then the answer is held for `delayMs`, so a client
 *   times out although the backend did the work;
 * - `duplicate-confirmation`: the request is handled normally, and the simulated TSP delivers the
 *   confirmation of the token operation it accepted twice (a duplicated callback).
 */
const FaultKind = z.enum([
  'status-500',
  'status-503',
  'reset',
  'reset-after-work',
  'delay',
  'schema-break',
  'timeout-after-work',
  'duplicate-confirmation',
]);
export type FaultKind = z.infer<typeof FaultKind>;

/** The kinds that wait, and so need `delayMs`. */
const TIMED_FAULTS: ReadonlySet<FaultKind> = new Set<FaultKind>(['delay', 'timeout-after-work']);

const FaultMatch = z.strictObject({
  method: z.enum(['GET', 'POST', 'DELETE']).optional(),
  /** Compared with the start of the request's path (without the query), e.g. `/api/v1/tokens/`. */
  pathPrefix: z.string().regex(/^\/[\x21\x22\x24-\x3e\x40-\x7e]{0,199}$/, 'a path starting with /, without ? or #'),
});
export type FaultMatch = z.infer<typeof FaultMatch>;

export const InjectFaultRequest = z
  .strictObject({
    match: FaultMatch,
    fault: FaultKind,
    /** How many matching requests misbehave; then the fault is gone. */
    times: z.number().int().min(1).max(1000),
    delayMs: z.number().int().min(1).max(120_000).optional(),
  })
  .refine((request) => !TIMED_FAULTS.has(request.fault) || request.delayMs !== undefined, {
    path: ['delayMs'],
    message: 'required for delay and timeout-after-work',
  });
export type InjectFaultRequest = z.infer<typeof InjectFaultRequest>;

export const ActiveFault = z.object({
  faultId: z.string().regex(/^F\d{1,6}$/),
  match: z.object({ method: z.enum(['GET', 'POST', 'DELETE']).optional(), pathPrefix: z.string() }),
  fault: FaultKind,
  /** Matching requests still to misbehave. */
  remaining: z.number().int().min(1).max(1000),
  delayMs: z.number().int().optional(),
});
export type ActiveFault = z.infer<typeof ActiveFault>;

export const FaultList = z.object({ faults: z.array(ActiveFault) });
export type FaultList = z.infer<typeof FaultList>;

/** `POST /training/v1/action-policy`: trainers and tests set the policy the backend serves and enforces. */
export const SetActionPolicyRequest = z.strictObject(TokenActionPolicy.shape);

/**
 * `POST /training/v1/clock`: moves the training clock forward (never back), so tests and trainers
 * can let a step-up wait long enough for its reminder. Only token time moves: sign-ins, bearer
 * tokens and idempotency keys keep the real clock.
 */
export const AdvanceClockRequest = z
  .strictObject({
    hours: z.number().int().min(0).max(24 * 60).optional(),
    minutes: z.number().int().min(0).max(24 * 60 * 60).optional(),
  })
  .refine((request) => (request.hours ?? 0) + (request.minutes ?? 0) > 0, { path: ['hours'], message: 'move the clock by at least one minute' });
export type AdvanceClockRequest = z.infer<typeof AdvanceClockRequest>;

export const TrainingClock = z.object({
  /** The training clock's time now: when token events happen. */
  now: IsoDateTime,
  /** How far it runs ahead of the real clock, in minutes. */
  aheadByMinutes: z.number().int().nonnegative(),
});
export type TrainingClock = z.infer<typeof TrainingClock>;
