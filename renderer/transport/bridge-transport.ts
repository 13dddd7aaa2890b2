import { failure, type TokenDeskBridge, type Transport } from '../../shared/contract';
import { newCorrelationId } from '../services/correlation-id';
import { settleOnAbort } from './settle-on-abort';

/**
 * The transport inside Electron: the preload's `window.tokenDesk`. A missing method or a rejected
 * invoke (the IPC channel itself broke; main answers failures as values) becomes a TRANSPORT error.
 */
export const createBridgeTransport = (bridge: TokenDeskBridge, newId: () => string = newCorrelationId): Transport => ({
  invoke: (name, input, options) => {
    const method = Object.hasOwn(bridge.calls, name) ? bridge.calls[name] : undefined;
    if (typeof method !== 'function') return Promise.resolve(failure('TRANSPORT', newId()));
    const answer = Promise.resolve()
      .then(() => method(input))
      .catch(() => failure('TRANSPORT', newId()));
    return settleOnAbort<unknown>(answer, options?.signal, () => failure('TRANSPORT', newId()));
  },
  subscribe: (listener) => bridge.subscribe(listener),
});
