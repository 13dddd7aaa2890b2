import { randomUUID } from 'node:crypto';
import { PhoneCallAction, type PhoneCallClosing, type PhoneCallRecord } from '../../../shared/api/phone-calls';
import type { ActionView } from '../../../shared/contract/actions';
import type { EndPhoneCallInput, OpenPhoneCall, PhoneCallState, WaitingScreenPop } from '../../../shared/contract/phone-calls';
import { MAX_PHONE_CALL_ACTIONS } from '../../../shared/api/phone-calls';
import type { ScreenPopRefusal } from '../../../shared/contract/screen-pop-link';
import type { OutboxEntry } from '../actions/action-entry';
import type { AgentIdentity } from '../backend/backend-client';
import type { EventBus } from '../events/event-bus';
import { CallError } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import type { AgentSessionManager } from '../session/agent-session';
import { parseScreenPopLink, type ScreenPop } from '../screen-pop/parse-link';
import type { PhoneCallDraftStore } from './draft-store';
import { PHONE_CALL_FILE_VERSION, type PhoneCallDraft } from './phone-call-files';
import type { PhoneCallOutbox } from './phone-call-outbox';
import { oneAtATime } from '../async/one-at-a-time';

/** Where a screen-pop link came from, for the log. */
export type ScreenPopSource = 'command-line' | 'second-instance' | 'open-url' | 'dev-bridge';

export type ScreenPopOutcome =
  | { readonly accepted: true; readonly started: boolean }
  | { readonly accepted: false; readonly reason: ScreenPopRefusal; readonly parameter?: string };

export interface PhoneCallsOptions {
  readonly drafts: PhoneCallDraftStore;
  readonly outbox: PhoneCallOutbox;
  readonly session: Pick<AgentSessionManager, 'identity' | 'requireAgent'>;
  readonly events: Pick<EventBus, 'emit' | 'subscribe'>;
  /** The token actions' outbox: whose an action is. */
  readonly actions: { get(actionId: string): OutboxEntry | undefined };
  /** Whether the issuer's policy requires a wrap-up before the next phone call (the backend's action policy). */
  readonly wrapUpRequired: () => Promise<boolean>;
  readonly workstationId: string;
  readonly logger: Logger;
  readonly now?: () => number;
}

/**
 * The phone call as main keeps it: at most one open on the workstation, its draft on disk on every
 * change, and, at its end, its record written ahead to the phone-call outbox. Only its own agent
 * sees it (another agent signing in here finds none, and starting their own closes it as LEFT_OPEN,
 * its notes kept). Token actions the agent takes while it is open are recorded in it as the
 * outbox announces them. A screen pop starts one, or waits until the open one is wrapped up.
 */
export interface PhoneCalls {
  /** Restores the draft (after a crash too) and resumes the outbox; call once, before any call. */
  start(): Promise<void>;
  state(): PhoneCallState;
  begin(): Promise<PhoneCallState>;
  update(input: { readonly phoneCallId: string; readonly notes?: string; readonly cardholderId?: string }): Promise<OpenPhoneCall>;
  end(input: EndPhoneCallInput): Promise<PhoneCallState>;
  /** A link from the phone system: checked strictly; a valid one starts a phone call (or waits for the open one). */
  screenPop(link: string, source: ScreenPopSource): Promise<ScreenPopOutcome>;
  /** Resolves when nothing is being written or sent (tests, quitting). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

const RECENT_LIMIT = 20;
/** A screen pop older than this when its agent signs in is a call long gone: it is dropped, not started. */
const SCREEN_POP_MAX_AGE_MS = 10 * 60_000;

export const createPhoneCalls = (options: PhoneCallsOptions): PhoneCalls => {
  const { drafts, outbox, session, events } = options;
  const now = options.now ?? Date.now;
  const log = options.logger.child({ component: 'phone-calls' });
  const iso = (): string => new Date(now()).toISOString();

  let held: PhoneCallDraft | null = null;
  let waiting: { readonly pop: ScreenPop; readonly receivedAt: string } | null = null;
  let unsubscribe: (() => void) | null = null;
  let closed = false;

  // Every change to the open phone call waits for the one before: the draft on disk always holds
  // the last change, and two changes never both start from the same old draft.
  const serial = oneAtATime();

  const heldBy = (agent: AgentIdentity | null): PhoneCallDraft | null => (held !== null && agent !== null && held.agent.agentId === agent.agent.agentId ? held : null);

  const waitingView = (): WaitingScreenPop | null => (waiting === null ? null : { receivedAt: waiting.receivedAt, telephony: waiting.pop.telephony, prefill: waiting.pop.prefill });

  const state = (): PhoneCallState => {
    const agent = session.identity();
    if (agent === null) return { current: null, waiting: null, recent: [] };
    return { current: heldBy(agent)?.call ?? null, waiting: waitingView(), recent: outbox.list(agent.agent.agentId, RECENT_LIMIT) };
  };

  const changed = (): PhoneCallState => {
    const next = state();
    events.emit('phoneCall.changed', next);
    return next;
  };

  const keep = async (draft: PhoneCallDraft): Promise<void> => {
    await drafts.save(draft);
    held = draft;
  };

  /** The open phone call's record goes to the outbox (written ahead), then the draft goes. */
  const close = async (draft: PhoneCallDraft, closing: PhoneCallClosing, outcomeCode: string | null, notes: string): Promise<void> => {
    const { call } = draft;
    const record: PhoneCallRecord = {
      phoneCallId: call.phoneCallId,
      agent: draft.agent,
      workstationId: draft.workstationId,
      startedAt: call.startedAt,
      endedAt: iso(),
      origin: call.origin,
      telephony: call.telephony,
      cardholderId: call.cardholderId,
      actions: call.actions,
      notes: closing === 'DISCARDED' ? '' : notes,
      outcomeCode,
      closing,
    };
    await outbox.add(record);
    await drafts.clear();
    held = null;
    log.info({ phoneCallId: call.phoneCallId, agentId: draft.agent.agentId, closing, outcomeCode, actions: call.actions.length }, 'phone call ended');
  };

  const open = async (agent: AgentIdentity, pop: ScreenPop | null): Promise<void> => {
    const other = held;
    if (other !== null && other.agent.agentId !== agent.agent.agentId) {
      // Another agent's phone call was left open here (they were signed out without ending it):
      // it is closed as theirs, notes kept, and its record waits for their next session.
      await close(other, 'LEFT_OPEN', null, other.call.notes);
    }
    const call: OpenPhoneCall = {
      phoneCallId: randomUUID(),
      startedAt: iso(),
      origin: pop === null ? 'AGENT' : 'SCREEN_POP',
      telephony: pop?.telephony ?? null,
      cardholderId: null,
      actions: [],
      notes: '',
      notesSavedAt: null,
      prefill: pop?.prefill.customerId ? pop.prefill : null,
    };
    await keep({ version: PHONE_CALL_FILE_VERSION, agent: { ...agent.agent }, workstationId: options.workstationId, call });
    log.info({ phoneCallId: call.phoneCallId, agentId: agent.agent.agentId, origin: call.origin }, 'phone call started');
  };

  const requiresWrapUp = async (): Promise<boolean> => {
    try {
      return await options.wrapUpRequired();
    } catch {
      // The policy could not be read: the safe reading is that a wrap-up is required.
      return true;
    }
  };

  /** A screen pop for the signed-in agent: starts now, or waits for the open phone call's wrap-up. */
  const popFor = async (agent: AgentIdentity, pop: ScreenPop): Promise<boolean> => {
    const mine = heldBy(agent);
    if (mine !== null) {
      if (await requiresWrapUp()) {
        waiting = { pop, receivedAt: iso() };
        log.info({ phoneCallId: mine.call.phoneCallId }, 'screen pop waits for the open phone call to be wrapped up');
        return false;
      }
      await close(mine, 'SKIPPED', null, mine.call.notes);
    }
    waiting = null;
    await open(agent, pop);
    return true;
  };

  /** An action changed: one taken by this phone call's agent since it started is recorded in it. */
  const noteAction = (view: ActionView): void => {
    void serial(async () => {
      const draft = held;
      if (draft === null || draft.call.actions.some((action) => action.actionId === view.actionId)) return;
      if (draft.call.actions.length >= MAX_PHONE_CALL_ACTIONS) return;
      const entry = options.actions.get(view.actionId);
      if (entry?.agent.agentId !== draft.agent.agentId || Date.parse(view.requestedAt) < Date.parse(draft.call.startedAt)) return;
      const action = PhoneCallAction.safeParse({
        actionId: view.actionId,
        correlationId: view.correlationId,
        operation: view.operation,
        virtualCardId: view.virtualCardId,
        tokenLastFour: view.tokenLastFour,
      });
      if (!action.success) return;
      // An action on a cardholder's token says who the caller is, if the agent had not opened them yet.
      const cardholderId = draft.call.cardholderId ?? view.cardholderId;
      await keep({ ...draft, call: { ...draft.call, cardholderId, actions: [...draft.call.actions, action.data] } });
      changed();
    }).catch((error: unknown) => log.error({ err: error, actionId: view.actionId }, 'the action could not be recorded with the phone call'));
  };

  /** An agent signed in (or unlocked): their records go out, and a screen pop that waited for them starts. */
  const onSession = (): void => {
    outbox.wakeAll();
    const agent = session.identity();
    const pending = waiting;
    if (agent === null || pending === null || heldBy(agent) !== null) return;
    void serial(async () => {
      if (waiting !== pending) return;
      if (now() - Date.parse(pending.receivedAt) > SCREEN_POP_MAX_AGE_MS) {
        waiting = null;
        log.info({}, 'screen pop dropped: too old when the agent signed in');
        return;
      }
      waiting = null;
      await open(agent, pending.pop);
      changed();
    }).catch((error: unknown) => log.error({ err: error }, 'the waiting screen pop could not start a phone call'));
  };

  return {
    async start() {
      await outbox.start();
      const draft = await drafts.load();
      if (draft !== null && outbox.has(draft.call.phoneCallId)) {
        // The record was written ahead and the console stopped before the draft was removed.
        await drafts.clear();
      } else {
        held = draft;
        if (draft !== null) log.info({ phoneCallId: draft.call.phoneCallId, agentId: draft.agent.agentId }, 'open phone call restored');
      }
      unsubscribe = events.subscribe((envelope) => {
        if (closed) return;
        if (envelope.name === 'action.changed') noteAction(envelope.payload);
        else if (envelope.name === 'session.changed' && envelope.payload.agent !== null) onSession();
      });
    },

    state,

    begin: () =>
      serial(async () => {
        const agent = session.requireAgent();
        const mine = heldBy(agent);
        if (mine !== null) throw new CallError('PHONE_CALL_OPEN', 'a phone call is open; end it first');
        await open(agent, null);
        return changed();
      }),

    update: (input) =>
      serial(async () => {
        const agent = session.requireAgent();
        const draft = heldBy(agent);
        if (draft?.call.phoneCallId !== input.phoneCallId) throw new CallError('NOT_FOUND', 'no such open phone call', ['phoneCallId']);
        const identified = input.cardholderId !== undefined && input.cardholderId !== draft.call.cardholderId;
        const call: OpenPhoneCall = {
          ...draft.call,
          ...(input.notes !== undefined ? { notes: input.notes, notesSavedAt: iso() } : {}),
          ...(input.cardholderId !== undefined ? { cardholderId: input.cardholderId, prefill: null } : {}),
        };
        await keep({ ...draft, call });
        if (identified) changed();
        return call;
      }),

    end: (input) =>
      serial(async () => {
        const agent = session.requireAgent();
        const draft = heldBy(agent);
        if (draft?.call.phoneCallId !== input.phoneCallId) throw new CallError('NOT_FOUND', 'no such open phone call', ['phoneCallId']);
        if (input.closing === 'SKIPPED' && (await requiresWrapUp())) {
          throw new CallError('WRAP_UP_REQUIRED', "the issuer's policy requires a wrap-up before the next phone call", ['closing']);
        }
        await close(draft, input.closing, input.outcomeCode, input.notes);
        // The caller who was waiting is next; a discard is a sign-out, so they keep waiting for the next sign-in.
        const pending = waiting;
        if (pending !== null && input.closing !== 'DISCARDED') {
          waiting = null;
          await open(agent, pending.pop);
        }
        return changed();
      }),

    async screenPop(link, source) {
      const parsed = parseScreenPopLink(link);
      if (!parsed.ok) {
        log.warn({ source, reason: parsed.reason, ...(parsed.parameter !== undefined ? { parameter: parsed.parameter } : {}) }, 'screen pop refused');
        return parsed.parameter === undefined ? { accepted: false, reason: parsed.reason } : { accepted: false, reason: parsed.reason, parameter: parsed.parameter };
      }
      const { pop } = parsed;
      log.info(
        { source, customerId: pop.prefill.customerId !== null, callerNumber: pop.telephony?.callerNumber != null, callId: pop.telephony?.callId != null },
        'screen pop accepted',
      );
      return serial(async () => {
        const agent = session.identity();
        if (agent === null) {
          waiting = { pop, receivedAt: iso() };
          log.info({}, 'screen pop waits for an agent to sign in');
          return { accepted: true, started: false };
        }
        const started = await popFor(agent, pop);
        changed();
        return { accepted: true, started };
      });
    },

    async idle() {
      // Queued last, so it settles once every change before it has.
      await serial(() => Promise.resolve());
      await outbox.idle();
    },

    async close() {
      closed = true;
      unsubscribe?.();
      await serial(() => Promise.resolve());
      await outbox.close();
    },
  };
};
