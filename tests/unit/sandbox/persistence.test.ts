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

  it('reads a file written before the events were typed into today\'s shapes, and still refuses an event that fits no kind', async () => {
    const dataFile = join(dir, 'untyped.json');
    const first = await startSandbox({ dataFile });
    const typed = Object.fromEntries([...first.store.tokens.keys()].map((id) => [id, first.store.storedEvents(id)]));
    await first.close();

    // The records as the earlier sandbox wrote them: joined lists, numeric codes, capitals, no ids.
    const file = JSON.parse(await readFile(dataFile, 'utf8')) as { events: Record<string, Array<{ kind: string; eventId: string; detail: Record<string, unknown> }>> };
    let rewritten = 0;
    for (const events of Object.values(file.events)) {
      for (const { kind, eventId, detail } of events) {
        const before = JSON.stringify(detail);
        for (const list of ['idvMethods', 'reasons'] as const) if (Array.isArray(detail[list])) detail[list] = (detail[list] as string[]).join(' ');
        if (kind === 'AGENT_ACTION') {
          detail.operation = String(detail.operation).toUpperCase();
          if (detail.operationId === `OP${eventId.slice(2)}`) delete detail.operationId;
          delete detail.status;
        }
        if (kind === 'OPERATION_FAILED' && typeof detail.errorCode === 'string') detail.errorCode = Number(detail.errorCode);
        if (detail.cardOperation === 'DIGITIZE' && detail.callback === undefined) {
          delete detail.cardOperation;
          detail.operation = 'DIGITIZE';
        }
        if (kind === 'NOTIFICATION_SENT' && detail.language === undefined) delete detail.status;
        if (JSON.stringify(detail) !== before) rewritten += 1;
      }
    }
    expect(rewritten).toBeGreaterThan(100);
    await writeFile(dataFile, JSON.stringify(file));

    const again = await startSandbox({ dataFile });
    try {
      for (const [id, events] of Object.entries(typed)) expect(again.store.storedEvents(id)).toEqual(events);
    } finally {
      await again.close();
    }

    const [id, events] = Object.entries(file.events).find(([, list]) => list.some((event) => event.kind === 'AGENT_ACTION')) ?? [];
    const action = events?.find((event) => event.kind === 'AGENT_ACTION');
    if (!id || !action) throw new Error('no agent action in the seed');
    action.detail.operation = 'EXPLODE';
    await writeFile(dataFile, JSON.stringify(file));
    const index = events?.indexOf(action) ?? -1;
    await expect(startSandbox({ dataFile })).rejects.toThrow(new RegExp(`events\\.${id}\\.${index}\\.detail\\.operation`));
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
