import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Result } from '../../../shared/contract';
import { startDevBridge, type DevBridge } from '../../../electron/dev-bridge/server';
import { SATO, openDesk, startBackend, type Backend, type Desk } from '../core/actions/support/desk';

/**
 * What the free-text tests drive over real HTTP: a training backend, a console in connected mode
 * against it, and the console's calls served on the dev bridge (the IPC contract over HTTP, as the
 * browser tests use it), with the agent signed in on both.
 */
export interface FreeTextWorld {
  readonly backend: Backend;
  readonly desk: Desk;
  /** The agent's own backend session, for calls straight to the backend's routes. */
  readonly session: string;
  /** One console call through the bridge. */
  rpc(name: string, input: unknown): Promise<Result<unknown>>;
  /** A POST to a backend route as the signed-in agent, with an idempotency key of its own. */
  post(path: string, body: unknown, session?: string): Promise<{ status: number; json: unknown; text: string }>;
  close(): Promise<void>;
}

const TOKEN = 'free-text-bridge-token-0123456789';

export const startFreeTextWorld = async (): Promise<FreeTextWorld> => {
  const root = await mkdtemp(join(tmpdir(), 'td-free-text-'));
  await mkdir(join(root, 'renderer'));
  await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>t</title>');
  const backend = await startBackend();
  const desk = await openDesk(backend);
  const bridge: DevBridge = await startDevBridge({ core: desk.core, token: TOKEN, rendererDir: join(root, 'renderer') });
  const rpc = async (name: string, input: unknown): Promise<Result<unknown>> => {
    const response = await fetch(`${bridge.origin}/rpc/${name}`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(input) });
    return (await response.json()) as Result<unknown>;
  };
  const signedIn = await rpc('session.signIn', SATO);
  if (!signedIn.ok) throw new Error(`sign-in over the bridge failed: ${JSON.stringify(signedIn.error)}`);
  const session = await backend.script.signIn(SATO);
  return {
    backend,
    desk,
    session,
    rpc,
    post: (path, body, as = session) => backend.script.asAgent(as, 'POST', path, { body, headers: { 'idempotency-key': randomUUID() } }),
    async close() {
      await bridge.close();
      await desk.close();
      await backend.close();
      await rm(root, { recursive: true, force: true });
    },
  };
};
