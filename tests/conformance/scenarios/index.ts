import type { Scenario } from '../scenario';
import { auditScenarios } from './audit';
import { authScenarios } from './auth';
import { callbackScenarios } from './callbacks';
import { errorScenarios } from './errors';
import { eventStreamScenarios } from './event-stream';
import { idempotencyScenarios } from './idempotency';
import { searchScenarios } from './search';
import { transitionScenarios } from './transitions';

/** The kit: every scenario, in the order they run. */
export const scenarios: readonly Scenario[] = [
  ...authScenarios,
  ...searchScenarios,
  ...transitionScenarios,
  ...idempotencyScenarios,
  ...auditScenarios,
  ...eventStreamScenarios,
  ...callbackScenarios,
  ...errorScenarios,
];
