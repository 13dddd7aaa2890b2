import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSandboxWithCredentials, type Sandbox } from '../../../../sandbox/index';
import type { SessionStatus } from '../../../../shared/contract';
import { WORKSTATION_KEY_SECRET } from '../../../../electron/core/auth/workstation-key';
import { createRequestContext } from '../../../../electron/core/backend/request-context';
import type { BackendClient } from '../../../../electron/core/backend/backend-client';
import { connectBackend } from '../../../../electron/core/backend/connect-backend';
import { MemorySecretStore } from '../../../../electron/core/secrets/secret-store';
import { createAgentSession, type AgentSessionManager } from '../../../../electron/core/session/agent-session';
import { memoryLogger } from '../support/client-setup';

/** The session manager on its own, with its clock in the test's hand, against a real sandbox. */
let sandbox: Sandbox;
let client: BackendClient;
let session: AgentSessionManager;
let clock = Date.now();
const changes: SessionStatus[] = [];

beforeAll(async () => {
  const started = await startSandboxWithCredentials({ mode: 'training' });
  sandbox = started.sandbox;
  const secrets = new MemorySecretStore();
  await secrets.set(WORKSTATION_KEY_SECRET, started.credentials.privateKeyPem);
  const { logger } = memoryLogger();
  const { baseUrl, issuerId, clientId, keyId } = started.credentials;
  client = await connectBackend({ backend: { baseUrl, issuerId, clientId, keyId }, secrets, workstationId: 'WS-UNIT', agentSession: () => session.identity(), logger });
  session = createAgentSession({ backend: () => client, workstationId: 'WS-UNIT', idleLockMinutes: () => 12, onChange: (status) => changes.push(status), logger, now: () => clock });
});
afterAll(async () => {
  client.close();
  await sandbox.close();
});

describe('the agent session manager', () => {
  it('forgets a session the backend has let expire, and says so', async () => {
    await session.signIn({ agentId: 'agent.sato', password: 'Training-Sato-2026' }, createRequestContext());
    expect(session.status()).toMatchObject({ state: 'signedIn', idleLockMinutes: 12 });
    clock += 13 * 60 * 60 * 1000;
    expect(session.status().state).toBe('signedOut');
    expect(() => session.requireAgent()).toThrow(expect.objectContaining({ code: 'SIGNED_OUT' }));
    await vi.waitFor(() => expect(changes.at(-1)).toMatchObject({ state: 'signedOut' }));
    clock = Date.now();
  });

  it('lets overlapping sign-ins finish one after the other: one agent held, one session open', async () => {
    const before = new Set(sandbox.store.sessions.keys());
    const [first, second] = await Promise.all([
      session.signIn({ agentId: 'agent.sato', password: 'Training-Sato-2026' }, createRequestContext()),
      session.signIn({ agentId: 'supervisor.suzuki', password: 'Training-Suzuki-2026' }, createRequestContext()),
    ]);
    expect(first.agent?.agentId).toBe('agent.sato');
    expect(second.agent?.agentId).toBe('supervisor.suzuki');
    expect(session.identity()?.agent.agentId).toBe('supervisor.suzuki');
    const open = [...sandbox.store.sessions.entries()].filter(([hash]) => !before.has(hash)).map(([, record]) => record);
    expect(open.map((record) => record.agentId)).toEqual(['supervisor.suzuki']);
    await session.signOut(createRequestContext());
  });

  it('never puts the session token in a status', async () => {
    await session.signIn({ agentId: 'agent.sato', password: 'Training-Sato-2026' }, createRequestContext());
    const token = session.identity()?.sessionToken ?? 'missing';
    expect(JSON.stringify([session.status(), ...changes])).not.toContain(token);
    await session.signOut(createRequestContext());
  });
});
