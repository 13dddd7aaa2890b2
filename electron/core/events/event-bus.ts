import { events, type EventEnvelope, type EventName, type EventPayload } from '../../../shared/contract';
import type { Logger } from '../logging/logger';

export type EventListener = (envelope: EventEnvelope) => void;

export interface EventBus {
  /**
   * `checked`: the payload was parsed a moment ago by a schema the contract's is part of (a live
   * change, checked when it arrived): every console sees every change, so it is not parsed twice.
   */
  emit<E extends EventName>(name: E, payload: EventPayload<E>, options?: { readonly checked?: true }): void;
  /** Returns the unsubscribe function. Main forwards to windows; the test bridge to its SSE clients. */
  subscribe(listener: EventListener): () => void;
}

/** Core's one outlet for events to the renderer. A payload that breaks its schema is logged and dropped. */
export const createEventBus = (logger: Logger): EventBus => {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload, options) {
      let data: unknown = payload;
      if (!options?.checked) {
        const checked = events[name].safeParse(payload);
        if (!checked.success) {
          logger.error({ event: name, issues: checked.error.issues.length }, 'event broke the contract; not sent');
          return;
        }
        data = checked.data;
      }
      const envelope = { name, payload: data } as EventEnvelope;
      for (const listener of listeners) {
        try {
          listener(envelope);
        } catch (error) {
          logger.error({ event: name, err: error }, 'event listener failed');
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
