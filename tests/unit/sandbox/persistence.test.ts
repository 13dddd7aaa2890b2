import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../../../shared/api/endpoints';
import { SandboxDataError, clientKeyOf, knownFixtures, startSandbox, trainingAgents } from '../../../sandbox/index';
import { startHarness } from './harness';
import { openStream } from './sse-client';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-sandbox-data-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--data FILE', () => {
  it('keeps sessions, bearer tokens and failed sign-ins across a restart', async () => {
    const dataFile = join(dir, 'state.json');
    const h = await startHarness({ dataFile });
    expect((await stat(dataFile)).mode & 0o777).toBe(0o600);
    const token = await h.accessToken();
    const signIn = await fetch(`${h.sandbox.baseUrl}/api/v1/agent-sessions`, {
      method: 'POST',
      headers: h.apiHeaders(token, { 'content-type': 'application/json' }),
      body: JSON.stringify({ agentId: 'agent.sato', password: 'Training-Sato-2026' }),
    });
    const { sessionToken } = AgentSession.parse(await signIn.json());
    for (let i = 0; i < 3; i += 1) expect((await h.signIn('agent.kobayashi', 'wrong')).status).toBe(401);
    await h.close();

    const text = await readFile(dataFile, 'utf8');
    expect(text).not.toContain(sessionToken);
    expect(text).not.toContain(token);
    for (const agent of trainingAgents) expect(text).not.toContain(agent.password);
    expect(text).not.toMatch(/\d{13,19}/);

    const restarted = await startSandbox({ dataFile, clientKeys: [clientKeyOf(h.client)], now: () => h.clock.now });
    try {
      expect(restarted.issuerId).toBe(h.sandbox.issuerId);
      expect(restarted.store.signInAttempts.get('agent.kobayashi')?.failures).toBe(3);
      const read = await fetch(`${restarted.baseUrl}/api/v1/cardholders/C0000001`, {
        headers: { authorization: `Bearer ${token}`, 'x-issuer-id': restarted.issuerId, 'x-correlation-id': 'restart-1', 'x-agent-session': sessionToken },
      });
      expect(read.status).toBe(200);
    } finally {
      await restarted.close();
    }
    // Written atomically: no temporary file is left behind.
    expect((await readdir(dir)).filter((name) => name.includes('state.json'))).toEqual(['state.json']);
  });

  it('refuses to start from a file that is not a sandbox state, naming the file', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{ this is not json');
    await expect(startSandbox({ dataFile: broken })).rejects.toThrow(SandboxDataError);
    await expect(startSandbox({ dataFile: broken })).rejects.toThrow(broken);

    const foreign = join(dir, 'foreign.json');
    await writeFile(foreign, JSON.stringify({ format: 'token-desk-sandbox/1', issuerId: 'TDTRAINING', tokens: 'nope' }));
    await expect(startSandbox({ dataFile: foreign })).rejects.toThrow(new RegExp(`${foreign}.*not a Token Desk sandbox state`));
    // The refused file is left as it was.
    expect(await readFile(broken, 'utf8')).toBe('{ this is not json');
  });

  it('keeps a simulated change across a restart; a stream id from before it gets reset', async () => {
    const dataFile = join(dir, 'changes.json');
    const h = await startHarness({ dataFile });
    const id = knownFixtures.longHistory.virtualCardId;
    const headers = await h.agentHeaders();
    const stream = await openStream(`${h.sandbox.baseUrl}/api/v1/events/stream`, headers);
    await stream.take();
    expect((await h.simulate({ virtualCardId: id, action: 'SUSPEND', source: 'WALLET' })).status).toBe(200);
    const seen = await stream.take((event) => event.data.type === 'token.changed');
    stream.close();
    const count = h.sandbox.store.eventCount(id);
    await h.close();

    const sandbox = await startSandbox({ dataFile, clientKeys: [clientKeyOf(h.client)], now: () => h.clock.now });
    try {
      expect(sandbox.store.tokens.get(id)).toMatchObject({ state: 'SUSPENDED', suspendedBy: ['WALLET'] });
      expect(sandbox.store.eventCount(id)).toBe(count);
      expect(sandbox.store.eventAt(id, count - 1)).toMatchObject({ kind: 'SUSPENDED', actor: { source: 'WALLET' } });
      // The session and bearer token survive the restart; the stream position from the old run does not.
      const again = await openStream(`${sandbox.baseUrl}/api/v1/events/stream`, headers, seen.id);
      try {
        expect((await again.take()).data).toMatchObject({ type: 'reset', reason: 'UNKNOWN_POSITION', sequence: 0 });
        expect((await again.take()).data).toMatchObject({ type: 'ready', sequence: 0 });
      } finally {
        again.close();
      }
    } finally {
      await sandbox.close();
    }
  });

  it('refuses a data file of another issuer', async () => {
    const dataFile = join(dir, 'issuer.json');
    const first = await startSandbox({ dataFile, issuerId: 'ISSUERAAA1' });
    await first.close();
    await expect(startSandbox({ dataFile, issuerId: 'ISSUERBBB2' })).rejects.toThrow(/ISSUERAAA1/);
    const again = await startSandbox({ dataFile });
    expect(again.issuerId).toBe('ISSUERAAA1');
    await again.close();
  });
});
