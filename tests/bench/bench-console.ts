import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createCore, type Core, type CoreOptions } from '../../electron/core/app-core';
import { dispatch } from '../../electron/core/ipc/dispatch';
import { createLogger } from '../../electron/core/logging/logger';
import { FileSecretStore } from '../../electron/core/secrets/secret-store';
import type { CallName, Result } from '../../shared/contract';
import type { TrainingCredentials } from '../../shared/api/training-credentials';

export interface BenchConsole {
  readonly core: Core;
  /** A contract call as main answers it (`dispatch`), so the bench measures the shipped path. */
  call<T = unknown>(name: CallName, input: unknown): Promise<Result<T>>;
}

/**
 * A console as the benches run it: its own core and profile in `dir`, connected like a
 * workstation in a call center (the backend in its settings, then its key imported), signed in
 * as `account`. Main's shell is left out; what remains is the code main runs.
 */
export const openBenchConsole = async (options: {
  readonly dir: string;
  readonly credentials: TrainingCredentials;
  readonly workstationId: string;
  readonly account: { readonly agentId: string; readonly password: string };
  readonly chooseExportFile?: CoreOptions['chooseExportFile'];
}): Promise<BenchConsole> => {
  const { dir, credentials } = options;
  const { baseUrl, issuerId, clientId, keyId } = credentials;
  await writeFile(join(dir, 'config.json'), JSON.stringify({ backend: { baseUrl, issuerId, clientId, keyId } }));
  const logger = createLogger({ level: 'error' });
  const core = await createCore({
    userDataDir: dir,
    version: '0.0.0-bench',
    logger,
    secrets: new FileSecretStore(join(dir, 'secrets.json')),
    configFiles: { userFile: join(dir, 'config.json'), machineFile: join(dir, 'machine-config.json') },
    workstationId: options.workstationId,
    startTrainingBackend: () => Promise.reject(new Error('the bench consoles are connected')),
    ...(options.chooseExportFile ? { chooseExportFile: options.chooseExportFile } : {}),
  });
  const call = <T>(name: CallName, input: unknown): Promise<Result<T>> =>
    dispatch(core.services, name, input, { correlationId: randomUUID(), origin: 'ipc', caller: 'bench' }, logger) as Promise<Result<T>>;
  const key = await call('credentials.importKey', { pem: credentials.privateKeyPem });
  if (!key.ok) throw new Error(`credentials.importKey: ${JSON.stringify(key.error)}`);
  const signedIn = await call('session.signIn', options.account);
  if (!signedIn.ok) throw new Error(`sign-in as ${options.account.agentId}: ${JSON.stringify(signedIn.error)}`);
  return { core, call };
};
