import type { TokenDeskBridge } from '../../shared/contract';

declare global {
  interface Window {
    /**
     * The preload's API (`BRIDGE_GLOBAL`). Absent in a plain browser, where the renderer talks
     * HTTP to the test bridge instead.
     */
    readonly tokenDesk?: TokenDeskBridge;
  }
}

export {};
