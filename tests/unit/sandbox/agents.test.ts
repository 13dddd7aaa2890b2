import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession, JWT_BEARER_GRANT, endpoints, type EndpointName } from '../../../shared/api/endpoints';
import { endpointRoles } from '../../../sandbox/auth/roles';
import { LOCKOUT_MS, LOCKOUT_THRESHOLD, clientKeyOf, generateClientCredentials, startSandbox, trainingAgents } from '../../../sandbox/index';
import { errorOf, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const minutes = (n: number): number => n * 60_000;

describe('agent sign-in', () => {
  it('signs a training agent in and the session opens agent endpoints', async () => {
    const response = await h.signIn('supervisor.suzuki');
    expect(response.status).toBe(201);
    const session = AgentSession.parse(await response.json());
    expect(session.agent).toEqual({ agentId: 'supervisor.suzuki', name: '鈴木 健一', role: 'supervisor' });
    expect(Date.parse(session.expiresAt) - h.clock.now.getTime()).toBe(12 * 3600_000);
  });

  it('requires x-agent-session on agent endpoints, and sign-out ends the session', async () => {
    const token = await h.accessToken();
    const without = await h.get('/api/v1/cardholders/C0000001', h.apiHeaders(token));
    expect(without.status).toBe(401);
    expect(await errorOf(without)).toMatchObject({ code: 'AGENT_SESSION_REQUIRED', field: 'x-agent-session' });
    const bogus = await h.get('/api/v1/cardholders/C0000001', h.apiHeaders(token, { 'x-agent-session': 'A'.repeat(43) }));
    expect((await errorOf(bogus)).code).toBe('AGENT_SESSION_REQUIRED');

    const headers = await h.agentHeaders();
    expect((await h.get('/api/v1/cardholders/C0000001', headers)).status).toBe(200);
    const out = await h.del('/api/v1/agent-sessions/current', headers);
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ ended: true });
    const after = await h.get('/api/v1/cardholders/C0000001', headers);
    expect(after.status).toBe(401);
    expect((await errorOf(after)).code).toBe('AGENT_SESSION_REQUIRED');
  });

  it('expires a session after 12 hours', async () => {
    const headers = await h.agentHeaders('admin.tanaka');
    const start = h.clock.now;
    h.clock.now = new Date(start.getTime() + 12 * 3600_000 + 1000);
    try {
      // A fresh bearer, so only the session is old.
      const fresh = h.apiHeaders(await h.accessToken(), { 'x-agent-session': headers['x-agent-session'] ?? '' });
      expect((await errorOf(await h.get('/api/v1/cardholders/C0000001', fresh))).code).toBe('AGENT_SESSION_REQUIRED');
    } finally {
      h.clock.now = start;
    }
  });

  it('answers an unknown agent and a wrong password with the same error', async () => {
    const unknown = await h.signIn('agent.nobody', 'Training-Sato-2026');
    const wrong = await h.signIn('agent.sato', 'not-the-password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(await unknown.json()).toEqual(await wrong.json());
    expect(h.sandbox.store.signInAttempts.get('agent.nobody')?.failures).toBe(1);
    // A success clears the count of the real account.
    expect((await h.signIn('agent.sato')).status).toBe(201);
    expect(h.sandbox.store.signInAttempts.has('agent.sato')).toBe(false);
  });

  it('locks the account for 30 minutes after 10 failures in a row, and the lock does not grow', async () => {
    const agentId = 'agent.kobayashi';
    const open = await h.agentHeaders(agentId);
    for (let i = 1; i < LOCKOUT_THRESHOLD; i += 1) {
      const response = await h.signIn(agentId, `wrong-${i}`);
      expect((await errorOf(response)).code).toBe('SIGN_IN_FAILED');
    }
    const tenth = await h.signIn(agentId, 'wrong-10');
    expect(tenth.status).toBe(423);
    const lockedError = await errorOf(tenth);
    expect(lockedError).toMatchObject({ code: 'ACCOUNT_LOCKED', category: 'F' });
    expect(lockedError.message).toMatch(/locked/);
    expect(lockedError.message).not.toMatch(/password|agent id/i);
    // Locking ends the sessions the agent had open.
    expect((await errorOf(await h.get('/api/v1/cardholders/C0000001', open))).code).toBe('AGENT_SESSION_REQUIRED');

    const start = h.clock.now;
    try {
      const eleventh = await h.signIn(agentId);
      expect(eleventh.status).toBe(423);
      expect((await errorOf(eleventh)).code).toBe('ACCOUNT_LOCKED');

      // Attempts during the lock neither count nor extend it.
      h.clock.now = new Date(start.getTime() + minutes(20));
      expect((await h.signIn(agentId, 'still-wrong')).status).toBe(423);
      h.clock.now = new Date(start.getTime() + LOCKOUT_MS - 1000);
      expect((await h.signIn(agentId)).status).toBe(423);
      h.clock.now = new Date(start.getTime() + LOCKOUT_MS);
      expect((await h.signIn(agentId)).status).toBe(201);
    } finally {
      h.clock.now = start;
    }
  });

  it('locks unknown agent ids the same way, so a lock does not reveal an account', async () => {
    for (let i = 0; i < LOCKOUT_THRESHOLD - 1; i += 1) expect((await h.signIn('agent.ghost', 'x')).status).toBe(401);
    expect((await h.signIn('agent.ghost', 'x')).status).toBe(423);
  });

  it('re-checks the password for /current/verify, counting failures toward the lockout', async () => {
    const headers = await h.agentHeaders('supervisor.suzuki');
    const verify = (password: string): Promise<Response> => h.post('/api/v1/agent-sessions/current/verify', { password }, headers);
    const ok = await verify('Training-Suzuki-2026');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ verified: true });
    const wrong = await verify('nope');
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).code).toBe('SIGN_IN_FAILED');
    expect(h.sandbox.store.signInAttempts.get('supervisor.suzuki')?.failures).toBe(1);
    expect((await verify('Training-Suzuki-2026')).status).toBe(200);
    expect(h.sandbox.store.signInAttempts.has('supervisor.suzuki')).toBe(false);
  });

  it('keeps passwords and session tokens out of the store: scrypt hashes with their own salts', async () => {
    const response = await h.signIn('agent.sato');
    const session = AgentSession.parse(await response.json());
    const state = JSON.stringify(h.sandbox.store.toState(h.clock.now));
    for (const agent of trainingAgents) expect(state).not.toContain(agent.password);
    expect(state).not.toContain(session.sessionToken);
    const hashes = [...h.sandbox.store.agents.values()].map((agent) => agent.password);
    expect(hashes.every((hash) => hash.algorithm === 'scrypt' && hash.cost >= 16_384)).toBe(true);
    expect(new Set(hashes.map((hash) => hash.salt)).size).toBe(hashes.length);
  });

  it('binds a session to the workstation that opened it', async () => {
    const first = await generateClientCredentials();
    const second = await generateClientCredentials();
    const sandbox = await startSandbox({ clientKeys: [clientKeyOf(first), clientKeyOf(second)] });
    try {
      const tokenFor = async (client: typeof first): Promise<string> => {
        const assertion = await new SignJWT({})
          .setProtectedHeader({ alg: 'ES256', kid: client.keyId })
          .setIssuer(client.clientId)
          .setSubject(client.clientId)
          .setAudience(sandbox.tokenUrl)
          .setIssuedAt()
          .setExpirationTime('2m')
          .setJti(crypto.randomUUID())
          .sign(await importPKCS8(client.privateKeyPem, 'ES256'));
        const response = await fetch(sandbox.tokenUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
        });
        return ((await response.json()) as { access_token: string }).access_token;
      };
      const headers = (token: string): Record<string, string> => ({
        authorization: `Bearer ${token}`,
        'x-issuer-id': sandbox.issuerId,
        'x-correlation-id': 'bind-1',
      });
      const firstToken = await tokenFor(first);
      const signIn = await fetch(`${sandbox.baseUrl}/api/v1/agent-sessions`, {
        method: 'POST',
        headers: { ...headers(firstToken), 'content-type': 'application/json' },
        body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
      });
      const { sessionToken } = AgentSession.parse(await signIn.json());
      const own = await fetch(`${sandbox.baseUrl}/api/v1/cardholders/C0000001`, { headers: { ...headers(firstToken), 'x-agent-session': sessionToken } });
      expect(own.status).toBe(200);
      const other = await fetch(`${sandbox.baseUrl}/api/v1/cardholders/C0000001`, {
        headers: { ...headers(await tokenFor(second)), 'x-agent-session': sessionToken },
      });
      expect(other.status).toBe(401);
      expect((await errorOf(other)).code).toBe('AGENT_SESSION_REQUIRED');
    } finally {
      await sandbox.close();
    }
  });
});

describe('the role table', () => {
  it('lists exactly the agent endpoints, and every role may read', async () => {
    const agentEndpoints = (Object.keys(endpoints) as EndpointName[]).filter((name) => endpoints[name].auth === 'agent');
    expect(Object.keys(endpointRoles).sort()).toEqual(agentEndpoints.sort());
    for (const agentId of ['agent.sato', 'supervisor.suzuki', 'admin.tanaka']) {
      const headers = await h.agentHeaders(agentId);
      expect((await h.get('/api/v1/tokens/VCYELLOW0001', headers)).status).toBe(200);
    }
  });
});
