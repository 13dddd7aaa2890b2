import type { TrainingCredentials } from '../shared/api/training-credentials';
import { clientKeysOf, credentialsFileFor, generateTrainingClients, type ClientCredentials } from './credentials';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

/**
 * Starts the sandbox with a freshly generated workstation key and platform key registered, and
 * returns what a client needs to use it: the way the app's training mode, the CLI and the tests
 * start it. The workstation's key signs the console's calls; the platform's the callbacks and the
 * training controls.
 */
export const startSandboxWithCredentials = async (
  options: Omit<SandboxOptions, 'clientKeys'> = {},
): Promise<{ sandbox: Sandbox; client: ClientCredentials; platform: ClientCredentials; credentials: TrainingCredentials }> => {
  const clients = await generateTrainingClients();
  const sandbox = await startSandbox({ ...options, clientKeys: clientKeysOf(clients) });
  return { sandbox, client: clients.workstation, platform: clients.platform, credentials: credentialsFileFor(sandbox, clients) };
};
