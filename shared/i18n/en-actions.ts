import type { DeepStringRecord } from './messages';
import type { jaActions } from './ja-actions';

/** English text of the token actions; the same keys as `ja-actions.ts`. */
export const enActions: DeepStringRecord<typeof jaActions> = {
  title: 'Token actions',
};
