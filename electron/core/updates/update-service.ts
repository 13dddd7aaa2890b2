import { CallError, type Services } from '../ipc/dispatch';
import type { UpdatePolicy } from './update-policy';

type UpdateCalls = Pick<Services, 'updates.status' | 'updates.install'>;

/** updates.status and updates.install over the policy: the header's "update ready" notice and its button. */
export const updateService = (policy: UpdatePolicy): UpdateCalls => ({
  'updates.status': () => policy.status(),
  'updates.install': () => {
    const outcome = policy.installNow();
    if (outcome === 'held') throw new CallError('UPDATE_HELD', 'an action is under way; the update installs once it ends');
    if (outcome === 'not-ready') throw new CallError('NOT_FOUND', 'no update is ready to install');
    return { installing: true as const };
  },
});
