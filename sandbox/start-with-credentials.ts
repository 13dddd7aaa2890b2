import type { TrainingCredentials } from '../shared/api/training-credentials';
import { clientKeyOf, credentialsFileFor, generateClientCredentials, type ClientCredentials } from './credentials';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

/**
 * Starts the sandbox with a freshly generated workstation key registered, and returns what a
 * client needs to use it: the way the app's training mode, the CLI and the tests start it.
 */
export const startSandboxWithCredentials = async (
  options: Omit<SandboxOptions, 'clientKeys'> = {},
): Promise<{ sandbox: Sandbox; client: ClientCredentials; credentials: TrainingCredentials }> => {
  const client = await generateClientCredentials();
  const sandbox = await startSandbox({ ...options, clientKeys: [clientKeyOf(client)] });
  return { sandbox, client, credentials: credentialsFileFor(sandbox, client) };
};
