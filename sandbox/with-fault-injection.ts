import { FaultInjector } from './http/faults';
import { startSandbox as startServer, type Sandbox, type SandboxOptions } from './server';
import { startSandboxWithCredentials as startServerWithCredentials } from './start-with-credentials';

const withFaults = <O extends SandboxOptions>(options: O): O => ({ faultInjection: () => new FaultInjector(), ...options });

/**
 * The sandbox as the tests, the dev bridge and the CLI start it: in training mode,
 * `/training/v1/faults` makes requests misbehave. The packaged console's training backend is
 * started through sandbox/packaged-entry.ts instead, which never loads the fault injector.
 */
export const startSandbox = (options: SandboxOptions = {}): Promise<Sandbox> => startServer(withFaults(options));

export const startSandboxWithCredentials = (options: Omit<SandboxOptions, 'clientKeys'> = {}): ReturnType<typeof startServerWithCredentials> =>
  startServerWithCredentials(withFaults(options));
