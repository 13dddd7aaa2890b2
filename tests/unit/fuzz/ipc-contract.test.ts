import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callNames, calls, channelFor, messageKeyFor, resultSchema, TypedError, type CallName, type ErrorCode, type Result } from '../../../shared/contract';
import { dispatch, newCorrelationId, type Handler, type Services } from '../../../electron/core/ipc/dispatch';
import { registerIpcHandlers } from '../../../electron/main/ipc/register-ipc';
import type { InvokeEventLike } from '../../../electron/main/ipc/trusted-sender';
import { startCore, type CoreHarness } from '../core/session/support/core-harness';
import { fakeIpcMain, frameEvent } from '../electron/helpers/fake-ipc-main';

/**
 * The IPC contract as a property, at the two places main takes a call: the sender check and
 * argument count in main's handlers, and core's dispatch behind them, with a real core signed in
 * as an admin on the training backend over real HTTP. Every malformed or hostile message gets a
 * typed error of the contract, no service runs, nothing on the backend or in the profile changes,
 * and no prototype is touched. Seeded: a failure names the seed, and IPC_FUZZ_SEED replays it.
 */
const SEED = process.env.IPC_FUZZ_SEED === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(process.env.IPC_FUZZ_SEED);
const DISPATCH_RUNS = 8_000;
const IPC_RUNS = 4_000;
/** Longer than any refusal could take; reaching it means a message hung the call. */
const HANG_MS = 10_000;

const check = async <T>(property: fc.IAsyncProperty<[T]>, numRuns: number): Promise<void> => {
  try {
    await fc.assert(property, { seed: SEED, numRuns });
  } catch (error) {
    throw new Error(`failed with seed ${SEED} (replay: IPC_FUZZ_SEED=${SEED}): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};

// ---- What a message is made of ----------------------------------------------------------------

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
/** Keys every call's schema uses somewhere, so a generated object often looks almost right. */
const schemaKeys = [...new Set(callNames.flatMap((name) => Object.keys((calls[name].input as z.ZodObject).shape)))];
const anyKey = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...schemaKeys) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  { weight: 1, arbitrary: fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', 'toJSON', 'then', 'length', '__defineGetter__', '') },
);

/** Structured clone, which carries IPC, keeps these; JSON cannot express them. */
const notJson = fc.oneof(
  fc.date({ noInvalidDate: false }),
  fc.bigInt(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  fc.constant(null).map(() => new Map<unknown, unknown>([['language', 'en']])),
  fc.constant(null).map(() => new Set(['en'])),
  fc.constant(null).map(() => /language/g),
  fc.constant(null).map(() => new Uint8Array([1, 2, 3])),
  fc.constant(null).map(() => new Error('cloned')),
);

const leaf = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, '', 'ja', 'en', 'suspend', 'DEVICE_LOST') },
  { weight: 1, arbitrary: notJson },
);

/** An object with the given entries as own, enumerable properties, `__proto__` included (a literal would set the prototype instead). */
const objectOf = (entries: ReadonlyArray<readonly [string, unknown]>): Record<string, unknown> => {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
};

const { value } = fc.letrec<{ value: unknown; array: unknown[]; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.array(fc.tuple(anyKey, tie('value')), { maxLength: 5 }).map(objectOf),
}));

/** The payloads prototype pollution is made of, as they arrive from JSON text. */
const pollution = fc
  .tuple(
    fc.constantFrom(
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"prototype":{"polluted":"yes"}}',
      '{"language":"en","__proto__":{"polluted":"yes","language":"en"}}',
      '{"q":"x","requestId":"req-1","a":[{"__proto__":{"polluted":"yes"}}]}',
      '{"scope":{"constructor":{"prototype":{"polluted":"yes"}}}}',
    ),
    fc.array(fc.tuple(anyKey, value), { maxLength: 3 }),
  )
  .map(([json, extra]) => Object.assign(objectOf(extra), JSON.parse(json) as object));

/** Past what a field, the schema or the size limit allows. */
const huge = fc.oneof(
  fc.tuple(fc.constantFrom(...schemaKeys), fc.integer({ min: 2_001, max: 100_000 })).map(([key, length]) => objectOf([[key, 'x'.repeat(length)]])),
  fc.tuple(fc.constantFrom(...schemaKeys), fc.integer({ min: 51, max: 20_000 })).map(([key, length]) => objectOf([[key, Array.from({ length }, (_, i) => i)]])),
  fc.integer({ min: 1_000, max: 10_000 }).map((length) => Array.from({ length }, () => ({ language: 'en' }))),
);

/** Objects or arrays nested past any sane depth. */
const deep = fc.tuple(fc.integer({ min: 20, max: 1_000 }), fc.boolean(), fc.constantFrom(...schemaKeys)).map(([levels, arrays, key]) => {
  let nested: unknown = 'en';
  for (let i = 0; i < levels; i += 1) nested = arrays ? [nested] : objectOf([[key, nested]]);
  return nested;
});

/** Some of the call's own fields with values of any type, maybe one field too many, maybe one missing. */
const almostRight = (name: CallName) => {
  const keys = Object.keys((calls[name].input as z.ZodObject).shape);
  const own = keys.length === 0 ? fc.constant<Array<readonly [string, unknown]>>([]) : fc.array(fc.tuple(fc.constantFrom(...keys), value), { maxLength: keys.length });
  return fc.tuple(own, fc.option(fc.tuple(anyKey, value), { nil: undefined })).map(([entries, extra]) => objectOf(extra === undefined ? entries : [...entries, extra]));
};

const input = (name: CallName) =>
  fc.oneof(
    { weight: 4, arbitrary: almostRight(name) },
    { weight: 2, arbitrary: value },
    { weight: 1, arbitrary: pollution },
    { weight: 1, arbitrary: huge },
    { weight: 1, arbitrary: deep },
  );

const declared = new Set<string>(callNames);
const unknownName = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '', '.', 'app..info', 'app.info\u0000', ' app.info'),
    fc.constantFrom(...callNames).map((name) => name.toUpperCase()),
    fc.constantFrom(...callNames).map((name) => `${name}.x`),
    fc.integer({ min: 1_000, max: 50_000 }).map((length) => 'a.'.repeat(length)),
  )
  .filter((name) => !declared.has(name));

const message = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...callNames).chain((name) => input(name).map((raw) => ({ name: name as string, raw }))) },
  { weight: 1, arbitrary: fc.tuple(unknownName, value).map(([name, raw]) => ({ name, raw })) },
);

// ---- What a legitimate message is, independently of the dispatcher ------------------------------

/** Only what JSON can carry: plain objects and arrays, strings, finite numbers, booleans, null (undefined for an absent field). */
const isJsonData = (data: unknown): boolean => {
  if (data === null || data === undefined || typeof data === 'string' || typeof data === 'boolean') return true;
  if (typeof data === 'number') return Number.isFinite(data);
  if (typeof data !== 'object') return false;
  const prototype = Object.getPrototypeOf(data) as unknown;
  if (Array.isArray(data)) return prototype === Array.prototype && data.every(isJsonData);
  return (prototype === Object.prototype || prototype === null) && Object.values(data).every(isJsonData);
};

/** A message the contract accepts: a declared call whose schema takes this JSON data. Those are not hostile and are not sent. */
const legitimate = (name: string, raw: unknown): boolean => declared.has(name) && isJsonData(raw) && calls[name as CallName].input.safeParse(raw).success;

// ---- The world the messages land in -----------------------------------------------------------

let h: CoreHarness;
/** Which services ran: none may. */
const reached: string[] = [];
let guarded: Services;

const sha = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

const profileFiles = async (dir: string): Promise<Record<string, string>> => {
  const files: Record<string, string> = {};
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files[relative(dir, path)] = sha(await readFile(path));
    }
  };
  await walk(dir);
  return files;
};

/** What a hostile message could change: the backend's tokens and everything kept about them, the profile's files, the session and settings. */
const snapshot = async () => {
  const sandbox = h.training.started[0]?.sandbox;
  if (!sandbox) throw new Error('the training backend did not start');
  const state = sandbox.store.toState(new Date(0));
  const backend = sha(
    JSON.stringify([
      state.tokens,
      state.events,
      state.cardholders,
      state.cards,
      state.auditRecords,
      state.notificationTemplates,
      state.notificationSettings,
      state.actionPolicy,
      state.digitizationRules,
      state.sentNotifications,
      state.agents,
    ]),
  );
  const direct = (name: CallName) => (h.core.services[name] as Handler<CallName>)({} as never, { correlationId: 'snapshot', origin: 'ipc', caller: 'window:1' });
  return {
    tokens: state.tokens.length,
    backend,
    files: await profileFiles(h.dir),
    session: await direct('session.status'),
    settings: await direct('settings.get'),
    config: await direct('config.get'),
    actions: await direct('actions.list'),
  };
};

let before: Awaited<ReturnType<typeof snapshot>>;
const prototypeNames = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((proto) => Object.getOwnPropertyNames(proto).sort());
const prototypesBefore = prototypeNames();

beforeAll(async () => {
  h = await startCore();
  await h.ok('session.signIn', { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' });
  guarded = Object.fromEntries(
    callNames.map((name) => [
      name,
      (input: never, context: Parameters<Handler<CallName>>[1]) => {
        reached.push(name);
        return (h.core.services[name] as Handler<CallName>)(input, context);
      },
    ]),
  ) as unknown as Services;
  before = await snapshot();
  expect(before.session).toMatchObject({ state: 'signedIn' });
  expect(before.tokens).toBeGreaterThan(100);
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const answered = async (pending: Promise<Result<unknown>>, what: string): Promise<Result<unknown>> => {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer to ${what}: the call hung`)), HANG_MS);
  });
  try {
    return await Promise.race([pending, hang]);
  } finally {
    clearTimeout(timer);
  }
};

const anyResult = resultSchema(z.unknown());

/** A typed error of the contract, with one of the codes a refusal may carry. */
const expectRefused = (result: Result<unknown>, codes: readonly ErrorCode[]): void => {
  expect(anyResult.safeParse(result).success).toBe(true);
  if (result.ok) throw new Error(`accepted: ${JSON.stringify(result.data).slice(0, 200)}`);
  const error = TypedError.parse(result.error);
  expect(codes).toContain(error.code);
  expect(error.messageKey).toBe(messageKeyFor[error.code]);
};

const describeRaw = (raw: unknown): string => {
  try {
    return (JSON.stringify(raw) ?? String(raw)).slice(0, 200);
  } catch {
    return Object.prototype.toString.call(raw);
  }
};

describe('the IPC contract under hostile messages', () => {
  it(`core's dispatch answers ${DISPATCH_RUNS} malformed calls with typed errors and runs no service`, async () => {
    await check(
      fc.asyncProperty(message, async ({ name, raw }) => {
        fc.pre(!legitimate(name, raw));
        reached.length = 0;
        const context = { correlationId: newCorrelationId(), origin: 'ipc' as const, caller: 'window:1' };
        const result = await answered(dispatch(guarded, name, raw, context, h.core.logger), `${name.slice(0, 40)} ${describeRaw(raw)}`);
        expectRefused(result, ['INVALID_INPUT', 'UNKNOWN_CALL', 'PAYLOAD_TOO_LARGE']);
        expect(reached).toEqual([]);
      }),
      DISPATCH_RUNS,
    );
  }, 120_000);

  it(`main's handlers refuse ${IPC_RUNS} calls from wrong senders, with extra arguments or malformed input`, async () => {
    const fake = fakeIpcMain();
    registerIpcHandlers(fake.ipc, { services: guarded }, h.core.logger);

    const notOurs = fc.oneof(
      fc.constantFrom(
        'https://evil.example/',
        'http://127.0.0.1:5173/',
        'file:///tmp/evil.html',
        'app://other-host/',
        'app://token-desk.evil.example/',
        'app://user:pass@token-desk/',
        'app://TOKEN-DESK/',
        'http://token-desk/',
        'javascript:alert(1)',
        'data:text/html,<script>1</script>',
        'about:blank',
        'devtools://devtools/bundled/inspector.html',
        'chrome-extension://abc/page.html',
        '',
        'not a url',
      ),
      fc.webUrl(),
      fc.string({ maxLength: 60 }).filter((url) => !url.trim().toLowerCase().startsWith('app:')),
    );
    /** A frame of another origin, a sub-frame (even of the console), no frame, or one that throws when read, as a disposed frame does. */
    const wrongSender: fc.Arbitrary<InvokeEventLike> = fc.oneof(
      notOurs.map((url) => frameEvent(url)),
      fc.tuple(fc.oneof(notOurs, fc.constant('app://token-desk/')), fc.constantFrom<unknown>({}, 'parent', 1)).map(([url, parent]) => frameEvent(url, parent)),
      fc.constant<InvokeEventLike>({ senderFrame: null }),
      fc.constant(null).map(
        (): InvokeEventLike =>
          Object.defineProperty({}, 'senderFrame', {
            get() {
              throw new Error('Render frame was disposed before WebFrameMain could be accessed');
            },
          }) as InvokeEventLike,
      ),
    );
    const sender = fc.integer({ min: 1, max: 50 }).map((id) => ({ ...frameEvent(), sender: { id } }));

    const call = fc.constantFrom(...callNames).chain((name) =>
      fc.oneof(
        // From a wrong sender, even a well-formed call is refused.
        fc
          .tuple(wrongSender, fc.oneof(fc.constant<unknown[]>([{}]), fc.array(input(name), { maxLength: 2 })))
          .map(([event, args]) => ({ name, event, args, wellFormedToo: true, codes: ['FORBIDDEN_SENDER'] as ErrorCode[] })),
        // The bridge sends exactly one argument.
        fc
          .tuple(sender, fc.array(fc.oneof(fc.constant({}), input(name)), { minLength: 2, maxLength: 4 }))
          .map(([event, args]) => ({ name, event, args, wellFormedToo: true, codes: ['INVALID_INPUT'] as ErrorCode[] })),
        fc.tuple(sender, fc.oneof(input(name), fc.constant(undefined))).map(([event, raw]) => ({
          name,
          event,
          args: raw === undefined ? [] : [raw],
          wellFormedToo: false,
          codes: ['INVALID_INPUT', 'PAYLOAD_TOO_LARGE'] as ErrorCode[],
        })),
      ),
    );

    await check(
      fc.asyncProperty(call, async ({ name, event, args, wellFormedToo, codes }) => {
        fc.pre(wellFormedToo || !legitimate(name, args[0]));
        reached.length = 0;
        const result = await answered(fake.invoke(channelFor(name), event, ...args), `${name} ${describeRaw(args)}`);
        expectRefused(result, codes);
        expect(reached).toEqual([]);
      }),
      IPC_RUNS,
    );
  }, 120_000);

  it('left the backend, the profile, the session and every prototype as they were', async () => {
    expect(await snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(prototypeNames()).toEqual(prototypesBefore);
    // The core still answers an ordinary call.
    expect(await h.call('session.status')).toMatchObject({ ok: true, data: { state: 'signedIn' } });
  });
});
