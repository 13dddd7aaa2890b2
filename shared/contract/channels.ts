import type { CallName } from './calls';

/** IPC channel names. One per call, and one for every event from main. */
const CALL_CHANNEL_PREFIX = 'td:call:';
export const EVENT_CHANNEL = 'td:event';
export const channelFor = (name: CallName): string => `${CALL_CHANNEL_PREFIX}${name}`;

/** The renderer is served from this origin only; main trusts IPC from its top frame alone. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'token-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
