import { BRIDGE_GLOBAL, type Transport } from '../../shared/contract';
import { createBridgeTransport } from './bridge-transport';
import { createHttpTransport } from './http-transport';

/** The preload bridge when the renderer runs in Electron, HTTP to the test bridge in a plain browser. */
export const chooseTransport = (): Transport => {
  const bridge = window[BRIDGE_GLOBAL];
  return bridge ? createBridgeTransport(bridge) : createHttpTransport();
};
