import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../../shared/api/errors';
import { endpoints, type Endpoint } from '../../../shared/api/endpoints';
import { looksLikeCardNumber } from '../../../shared/domain/card-number-runs';
import { knownFixtures } from '../../../sandbox/index';
import { startHarness, type Harness } from '../sandbox/harness';
import { TARGETS, WATCHED_CARDS, baseRequest, hostileCase, isCallback, requestOf, type Credential, type HostileRequest, type RequestSetup } from './backend-requests';

/**
 * The training backend's callbacks and token operations fed hostile requests over real HTTP, one
 * sandbox, one keep-alive connection pool: each request starts from a change the backend would
 * make and carries at least one defect. Every answer must be a typed error in the API's one
 * error shape (never a 5xx, never a hang, never a card number echoed), and afterwards the
 * watched cards' tokens and histories, read through the API, are byte for byte what they were.
 * Seeded: the seed is printed, a failure names it, and BACKEND_FUZZ_SEED replays it.
 */
const SEED = process.env.BACKEND_FUZZ_SEED === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(process.env.BACKEND_FUZZ_SEED);
const CALLBACK_RUNS = 1_200;
const OPERATION_RUNS = 1_000;
/** Longer than any refusal could take: reaching it means a request hung. */
const HANG_MS = 10_000;

let h: Harness;
let setup: RequestSetup;
let agentSession: string;
let workstationBearer: string;
let platformBearer: string;
let snapshot: string;
let sent = 0;
const pool = new Agent({ keepAlive: true, maxSockets: 4 });

const check = async <T>(property: fc.IAsyncProperty<[T]>, numRuns: number): Promise<void> => {
  try {
    await fc.assert(property, { seed: SEED, numRuns });
  } catch (error) {
    throw new Error(`failed with seed ${SEED} (replay: BACKEND_FUZZ_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** One request over the keep-alive pool; an answer that does not come within HANG_MS is a failure. */
const send = (method: string, path: string, headers: Record<string, string | string[]>, body?: string): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const url = new URL(path, h.sandbox.baseUrl);
    let answered = false;
    const req = request(url, { method, headers, agent: pool }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        answered = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    req.setTimeout(HANG_MS, () => req.destroy(new Error(`no answer within ${HANG_MS} ms`)));
    // The backend may answer (a 401, a 413) and close before the whole body is written: the answer counts.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });

const credentialHeaders = (credential: Credential): Record<string, string> => {
  switch (credential) {
    case 'none':
      return {};
    case 'garbage':
      return { authorization: `Bearer ${'A'.repeat(43)}` };
    case 'workstation':
      return { authorization: `Bearer ${workstationBearer}` };
    case 'agent':
      return { authorization: `Bearer ${workstationBearer}`, 'x-agent-session': agentSession };
    case 'platform':
      return { authorization: `Bearer ${platformBearer}` };
    case 'platform-with-session':
      return { authorization: `Bearer ${platformBearer}`, 'x-agent-session': agentSession };
  }
};

const sendHostile = (hostile: HostileRequest): Promise<Answer> => {
  sent += 1;
  return send(hostile.method, hostile.path, { ...hostile.headers, ...credentialHeaders(hostile.credential) }, hostile.body);
};

/** A refusal in the API's one error shape, with a correlation id, repeating no card number. */
const expectTypedRefusal = (hostile: HostileRequest, answer: Answer): void => {
  const what = `${hostile.why} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, what).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expect(String(answer.headers['content-type']), what).toMatch(/^application\/json/);
  expect(ApiErrorBody.safeParse(JSON.parse(answer.text)).success, what).toBe(true);
  const correlation = String(answer.headers['x-correlation-id'] ?? '');
  expect(correlation, what).not.toBe('');
  expect(looksLikeCardNumber(`${answer.text} ${correlation}`), what).toBe(false);
};

/** The watched cards' tokens and every page of their histories, as the API serves them. */
const readThroughApi = async (): Promise<string> => {
  const agent = { authorization: `Bearer ${workstationBearer}`, 'x-agent-session': agentSession, 'x-issuer-id': h.sandbox.issuerId, 'x-correlation-id': 'fuzz-snapshot' };
  const parts: string[] = [];
  for (const card of WATCHED_CARDS) {
    const tokens = await send('GET', `/api/v1/cards/${card}/tokens`, agent);
    expect(tokens.status, tokens.text).toBe(200);
    parts.push(tokens.text);
    for (const { virtualCardId } of (JSON.parse(tokens.text) as { items: Array<{ virtualCardId: string }> }).items) {
      let cursor: string | null = null;
      do {
        const page: Answer = await send('GET', `/api/v1/tokens/${virtualCardId}/events?limit=200${cursor ? `&cursor=${cursor}` : ''}`, agent);
        expect(page.status, page.text).toBe(200);
        parts.push(page.text);
        cursor = (JSON.parse(page.text) as { nextCursor: string | null }).nextCursor;
      } while (cursor !== null);
    }
  }
  return parts.join('\n');
};

beforeAll(async () => {
  console.info(`backend fuzz: seed ${SEED} (replay: BACKEND_FUZZ_SEED=${SEED} npx vitest run tests/unit/fuzz/backend-hostile-requests.test.ts)`);
  // No step-up reminder may change a token while the fuzz runs; the confirmations of the setup come fast.
  h = await startHarness({ reminderCheckMs: 0, tspConfirmDelayMs: 20 });
  const agentHeaders = await h.agentHeaders('agent.sato');
  agentSession = agentHeaders['x-agent-session'] ?? '';
  workstationBearer = (agentHeaders['authorization'] ?? '').replace(/^Bearer /, '');
  platformBearer = await h.platformToken();
  const run = randomUUID().slice(0, 8);

  // Two keys used once each by the caller who owns them: a reuse with another request must be a 422.
  const platformKeyUsed = `fuzz-setup-platform-${run}`;
  const notice = await send(
    'POST',
    `/d1/v1/issuers/${h.sandbox.issuerId}/cards/${knownFixtures.yellowPath.issuerCardRefId}/notifications`,
    { ...credentialHeaders('platform'), 'content-type': 'application/json', 'x-correlation-id': `fuzz-setup-${run}`, 'idempotency-key': platformKeyUsed },
    JSON.stringify({ operationId: `fuzz-setup-${run}`, operation: 'SUSPEND', status: 'PENDING', requestorType: 'USER', virtualCardId: knownFixtures.yellowPath.activeVirtualCardId }),
  );
  expect(notice.status, notice.text).toBe(200);
  const agentKeyUsed = `fuzz-setup-agent-${run}`;
  const refused = await send(
    'POST',
    `/api/v1/tokens/${knownFixtures.lostPhone.deleted}/operations:suspend`,
    { ...credentialHeaders('agent'), 'x-issuer-id': h.sandbox.issuerId, 'content-type': 'application/json', 'x-correlation-id': `fuzz-setup-${run}`, 'idempotency-key': agentKeyUsed },
    JSON.stringify({ reasonCode: 'DEVICE_LOST', reason: 'Device lost', expectedState: 'ACTIVE' }),
  );
  expect(refused.status, refused.text).toBe(409);
  setup = { issuerId: h.sandbox.issuerId, platformKeyUsed, agentKeyUsed, run };
  snapshot = await readThroughApi();
}, 60_000);

afterAll(async () => {
  pool.destroy();
  await h.close();
});

describe(`the backend refuses hostile requests with a typed error and changes nothing (seed ${SEED})`, () => {
  it('starts every case from a request the backend would take: each base passes its endpoint’s schema', () => {
    for (const target of TARGETS) {
      const base = baseRequest(target, setup.issuerId, 0);
      const endpoint: Endpoint = endpoints[target];
      expect(endpoint.body?.safeParse(base.body).success, target).toBe(true);
      expect(endpoint.params?.safeParse(base.params).success ?? true, target).toBe(true);
    }
  });

  it(`refuses ${CALLBACK_RUNS} hostile callbacks from the platform's side`, async () => {
    let n = 0;
    await check(
      fc.asyncProperty(hostileCase(TARGETS.filter(isCallback)), async (hostile) => {
        const request = requestOf(hostile, setup, (n += 1));
        expectTypedRefusal(request, await sendHostile(request));
      }),
      CALLBACK_RUNS,
    );
  }, 300_000);

  it(`refuses ${OPERATION_RUNS} hostile token operations from an agent's side`, async () => {
    let n = 0;
    await check(
      fc.asyncProperty(hostileCase(TARGETS.filter((target) => !isCallback(target))), async (hostile) => {
        const request = requestOf(hostile, setup, (n += 1) + CALLBACK_RUNS * 10);
        expectTypedRefusal(request, await sendHostile(request));
      }),
      OPERATION_RUNS,
    );
  }, 300_000);

  it('sent them all over HTTP, and the tokens and their histories read the same as before, byte for byte', async () => {
    expect(sent).toBeGreaterThanOrEqual(CALLBACK_RUNS + OPERATION_RUNS);
    expect(await readThroughApi()).toBe(snapshot);
  }, 60_000);
});
