import type { Token } from '../../shared/api/model';
import { REASON_CODES, reasonTextForTokenService } from '../../shared/domain/reason-codes';
import type { TokenOperation } from '../../shared/domain/transitions';
import { Prng } from '../seed/prng';
import type { SandboxStore } from '../store/store';
import { cardholderPart, tokenPart } from './parts';
import type { AuditDraft, AuditTrail } from './trail';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the seeded trail reaches. */
const SPAN_MS = 21 * DAY_MS;
const WORKSTATIONS = ['WS-TRAIN-01', 'WS-TRAIN-02', 'WS-TRAIN-03', 'WS-TRAIN-04'];

type Kind = 'ACTION' | 'SIGN_IN' | 'SIGN_OUT' | 'IDLE_LOCK' | 'IDLE_UNLOCK' | 'SIGN_IN_FAILED' | 'EXPORT' | 'PHONE_CALL' | 'TEMPLATE';

/** What an agent could have done to a token in its state (the transition table's common cases). */
const operationFor = (token: Token, prng: Prng): TokenOperation | null => {
  switch (token.state) {
    case 'ACTIVE':
      return prng.chance(0.8) ? 'suspend' : 'delete';
    case 'SUSPENDED':
      return prng.chance(0.85) ? 'resume' : 'delete';
    case 'INACTIVE':
      return 'activate';
    default:
      return null;
  }
};

/** A version-4 UUID from the seed's generator. */
const uuidOf = (prng: Prng): string => {
  const hex = Array.from({ length: 32 }, () => prng.int(0, 15).toString(16));
  hex[12] = '4';
  hex[16] = ((prng.int(0, 3) + 8).toString(16));
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
};

/** Capital letters only, so seeded ids never grow a digit run a detector would read as a card number. */
const LETTERS: readonly string[] = [...'ABCDEFGHJKLMNPQRSTUVWXYZ'];
const letters = (prng: Prng, length: number): string => Array.from({ length }, () => prng.pick(LETTERS)).join('');

/**
 * A realistic trail for training and the bench, written before anything else (an empty trail
 * only): `count` records over the three weeks before `now`, from the seeded agents at a few
 * workstations, on the seeded tokens: sign-ins and sign-outs, idle locks, token actions with the
 * platform's outcome, a failed sign-in now and then, a supervisor's export, an administrator's
 * template change, phone calls. What it records (kinds, agents, tokens, times) follows the seed;
 * the record ids are the trail's own. Answers how many records it wrote.
 */
export const seedTrainingTrail = async (trail: AuditTrail, store: SandboxStore, count: number, now: Date, seed: number): Promise<number> => {
  if (trail.count > 0 || count <= 0) return 0;
  const prng = new Prng(seed + 7919);
  const staff = [...store.agents.values()].filter((agent) => agent.agentId !== 'agent.lockout');
  const agents = staff.filter((agent) => agent.role === 'agent');
  const supervisors = staff.filter((agent) => agent.role !== 'agent');
  const tokens = [...store.tokens.values()].filter((token) => token.state !== 'DELETED' && token.state !== 'DEPLOYMENT_ONGOING');
  if (agents.length === 0 || supervisors.length === 0 || tokens.length === 0) return 0;
  const start = now.getTime() - SPAN_MS;
  const step = SPAN_MS / (count + 1);
  const durable: Promise<unknown>[] = [];
  let written = 0;
  let serial = 0;
  const put = (draft: AuditDraft): { recordId: string; sequence: number } => {
    const at = new Date(start + step * (written + 1) + prng.float() * step * 0.5).toISOString();
    const result = trail.appendSeeded(draft, at);
    durable.push(result.durable);
    written += 1;
    return { recordId: result.receipt.recordId, sequence: result.sequence };
  };
  const actorOf = (agent: (typeof staff)[number]) => ({ type: 'AGENT' as const, agentId: agent.agentId, name: agent.name, role: agent.role });
  const correlation = (): string => `seed-${letters(prng, 4)}-${(serial += 1).toString(36)}`;

  while (written < count) {
    const kind = prng.weighted<Kind>([
      ['ACTION', 40],
      ['SIGN_IN', 14],
      ['SIGN_OUT', 12],
      ['IDLE_LOCK', 10],
      ['IDLE_UNLOCK', 8],
      ['SIGN_IN_FAILED', 5],
      ['PHONE_CALL', 8],
      ['EXPORT', 2],
      ['TEMPLATE', 1],
    ]);
    const agent = prng.pick(agents);
    const workstationId = prng.pick(WORKSTATIONS);
    const base = { workstationId, correlationId: correlation(), cardholder: null, token: null };
    switch (kind) {
      case 'ACTION': {
        const token = prng.pick(tokens);
        const operation = operationFor(token, prng);
        if (!operation) break;
        const reason = prng.pick(REASON_CODES[operation]);
        const operationId = `OP${letters(prng, 12)}`;
        const subject = { cardholder: cardholderPart(store, token.cardholderId), token: tokenPart(token) };
        const action = put({
          ...base,
          ...subject,
          kind: 'TOKEN_ACTION',
          actor: actorOf(agent),
          outcome: 'ACCEPTED',
          detail: {
            operation,
            operationId,
            reasonCode: reason.code,
            reasonSent: reasonTextForTokenService(reason.code),
            comment: reason.commentRequired ? '本人からの申し出' : null,
            verifiers: operation === 'activate' ? ['FULL_NAME', 'DATE_OF_BIRTH'] : [],
            expectedState: token.state,
            stateAtRequest: token.state,
          },
        });
        if (written >= count) break;
        const failed = prng.chance(0.04);
        put({
          ...subject,
          workstationId: null,
          correlationId: base.correlationId,
          kind: 'TOKEN_ACTION_OUTCOME',
          actor: { type: 'PLATFORM' },
          outcome: failed ? 'FAILED' : 'CONFIRMED',
          detail: { refersTo: action, operation, operationId, eventId: `EV${letters(prng, 12)}`, state: token.state, ...(failed ? { errorCode: '221' } : {}) },
        });
        break;
      }
      case 'SIGN_IN':
        put({ ...base, kind: 'SIGN_IN', actor: actorOf(agent), outcome: 'SUCCEEDED', detail: { sessionExpiresAt: new Date(now.getTime() + DAY_MS).toISOString() } });
        break;
      case 'SIGN_OUT':
        put({ ...base, kind: 'SIGN_OUT', actor: actorOf(agent), outcome: 'SUCCEEDED', detail: { reason: 'SIGNED_OUT' } });
        break;
      case 'IDLE_LOCK':
        put({ ...base, kind: 'IDLE_LOCK', actor: actorOf(agent), outcome: 'SUCCEEDED', detail: { idleMinutes: prng.pick([5, 10, 15]) } });
        break;
      case 'IDLE_UNLOCK':
        put({ ...base, kind: 'IDLE_UNLOCK', actor: actorOf(agent), outcome: 'SUCCEEDED', detail: {} });
        break;
      case 'SIGN_IN_FAILED':
        put({ ...base, kind: 'SIGN_IN_FAILED', actor: { type: 'WORKSTATION' }, outcome: 'REFUSED', detail: { agentId: agent.agentId, context: 'SIGN_IN', reason: 'WRONG_CREDENTIALS', failuresInARow: 1 } });
        break;
      case 'PHONE_CALL': {
        const token = prng.pick(tokens);
        const endedAt = new Date(start + step * (written + 1));
        put({
          ...base,
          cardholder: cardholderPart(store, token.cardholderId),
          kind: 'PHONE_CALL',
          actor: actorOf(agent),
          outcome: 'SUCCEEDED',
          detail: {
            phoneCallId: uuidOf(prng),
            startedAt: new Date(endedAt.getTime() - prng.int(2, 15) * 60_000).toISOString(),
            endedAt: endedAt.toISOString(),
            closing: 'WRAP_UP',
            outcomeCode: prng.pick(store.callOutcomes).code,
            actionCorrelationIds: [],
            notesLength: prng.int(0, 400),
          },
        });
        break;
      }
      case 'EXPORT': {
        const supervisor = prng.pick(supervisors);
        put({ ...base, kind: 'EXPORT', actor: actorOf(supervisor), outcome: 'SUCCEEDED', detail: { filter: { agentId: agent.agentId } } });
        break;
      }
      case 'TEMPLATE': {
        const admin = supervisors.find((each) => each.role === 'admin') ?? prng.pick(supervisors);
        put({ ...base, kind: 'TEMPLATE_CHANGED', actor: actorOf(admin), outcome: 'SUCCEEDED', detail: { event: 'TOKEN_SUSPENDED', channel: 'SMS', language: 'ja' } });
        break;
      }
    }
  }
  await Promise.all(durable);
  return written;
};
