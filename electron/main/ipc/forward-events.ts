import { EVENT_CHANNEL, type EventEnvelope } from '../../../shared/contract';
import type { EventBus } from '../../core/events/event-bus';

/** The parts of a BrowserWindow the forwarder touches. */
export interface EventTargetWindow {
  isDestroyed(): boolean;
  readonly webContents: {
    isDestroyed(): boolean;
    send(channel: string, envelope: EventEnvelope): void;
  };
}

/**
 * Sends every core event to every live window on the one event channel. The bus has already checked
 * the payload against the contract; the renderer checks it again on receipt. Returns unsubscribe.
 */
export const forwardEvents = (bus: Pick<EventBus, 'subscribe'>, getWindows: () => readonly EventTargetWindow[]): (() => void) =>
  bus.subscribe((envelope) => {
    for (const window of getWindows()) {
      if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
      window.webContents.send(EVENT_CHANNEL, envelope);
    }
  });
