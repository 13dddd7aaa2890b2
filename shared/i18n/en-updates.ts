import type { DeepStringRecord } from './messages';
import type { jaUpdates } from './ja-updates';

/** The console's own update: the header notice (English); the same keys as `ja-updates.ts`. */
export const enUpdates: DeepStringRecord<typeof jaUpdates> = {
  ready: 'Version {{version}} is ready',
  readyHint: 'It installs when you quit Token Desk.',
  installNow: 'Restart and update',
  installing: 'Updating…',
  heldByActions: 'The update waits until the actions under way have finished.',
};
