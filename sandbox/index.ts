/**
 * The training backend ("sandbox"): the Token Care API over real HTTP on 127.0.0.1, with seeded
 * training data. App code reaches it only over HTTP; the app's training mode, the dev bridge, the
 * CLI and the tests start it through this entry point.
 */
// With fault injection: this entry serves the tests, the dev bridge and the CLI. The packaged
// console starts the training backend through sandbox/packaged-entry.ts, built without it.
export { startSandbox, startSandboxWithCredentials } from './with-fault-injection';
export { DEFAULT_ISSUER_ID, BODY_LIMIT_BYTES } from './server';
export type { Sandbox, SandboxOptions, SandboxTlsOptions, ClientKey, SandboxLogger } from './server';
export {
  generateClientCredentials,
  generateTrainingClients,
  clientKeyOf,
  clientKeysOf,
  credentialsFileFor,
  writeCredentialsFile,
  trainingAgents,
} from './credentials';
export type { ClientCredentials, TrainingClients, TrainingAgent } from './credentials';
export { knownFixtures } from './seed/fixtures';
export { SEED_EPOCH } from './seed/epoch';
export { DEFAULT_SEED, generateSeedData } from './seed/generate';
export { SandboxDataError } from './store/persistence';
export type { SandboxStore } from './store/store';
export { LOCKOUT_THRESHOLD, LOCKOUT_MS, SESSION_TTL_MS } from './auth/agents';
export { ACCESS_TOKEN_TTL_S } from './auth/access-tokens';
export { ASSERTION_MAX_LIFETIME_S, CLOCK_TOLERANCE_S } from './auth/jwt-bearer';
export { IDEMPOTENCY_TTL_MS } from './http/idempotency';
