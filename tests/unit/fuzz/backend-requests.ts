import fc from 'fast-check';
import { endpoints, type EndpointName } from '../../../shared/api/endpoints';
import { knownFixtures } from '../../../sandbox/index';
import { grouped, testPan } from '../electron/helpers/card-numbers';

/**
 * Hostile requests to the training backend's callbacks and token operations, for the backend fuzz
 * suite: each starts from a request the backend would accept (a change it would make) and carries
 * at least one defect that alone must get it refused: a field missing, an unknown or prototype
 * key, a value of the wrong JSON type, a huge or deeply nested value, an identifier that reads as
 * a card number, the wrong kind of credential, a missing, doubled, malformed or reused
 * Idempotency-Key, a body in another format. Card numbers are built at run time.
 */

/** The calls under test: the platform's three callbacks and an agent's four token operations. */
export const TARGETS = [
  'notifyVirtualCardChange',
  'requestCardDigitization',
  'notifyCardOperation',
  'activateToken',
  'suspendToken',
  'resumeToken',
  'deleteToken',
] as const satisfies readonly EndpointName[];
export type Target = (typeof TARGETS)[number];

export const isCallback = (target: Target): boolean => endpoints[target].auth === 'platform';

const { yellowPath, suspensions, lostPhone } = knownFixtures;

/** The cards whose tokens the requests name: their tokens' states and histories must not move. */
export const WATCHED_CARDS = [yellowPath.issuerCardRefId, suspensions.issuerCardRefId, ...lostPhone.cards] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Base {
  /** The path parameters (issuerId, issuerCardRefId, virtualCardId) the path is built from. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: JsonObject;
  /** Top-level fields the schema requires: only these are ever removed, so a removal is always a defect. */
  readonly required: readonly string[];
  /** Nested strict objects (paths into the body) where an unknown key is refused too. */
  readonly strictObjects: readonly (readonly string[])[];
  /** Identifier fields (paths) that must refuse a card number. */
  readonly identifiers: readonly (readonly string[])[];
}

/**
 * The request each target would accept, one of a few per target, each a real change: a suspension
 * by the wallet, a new token, a CCI suspension, an Option D activation, and so on. `n` makes the
 * new token's ids unique, so even a base sent as is could never repeat an earlier one.
 */
export const baseRequest = (target: Target, issuerId: string, n: number): Base => {
  switch (target) {
    case 'notifyVirtualCardChange':
      return {
        params: {},
        body: {
          issuerCardRefId: yellowPath.issuerCardRefId,
          virtualCardId: yellowPath.activeVirtualCardId,
          walletProviderId: 'APPLE_PAY',
          tokenStorageId: 'SE-FUZZ-WATCH',
          isPrimary: false,
          action: 'DELETE',
          source: 'TSP',
        },
        required: ['issuerCardRefId', 'virtualCardId', 'walletProviderId', 'tokenStorageId', 'isPrimary', 'action', 'source'],
        strictObjects: [[]],
        identifiers: [['virtualCardId'], ['tokenStorageId']],
      };
    case 'requestCardDigitization':
      return {
        params: {},
        body: {
          issuerCardRefId: lostPhone.cards[0],
          virtualCardId: `VCFUZZNEW${n}`,
          walletProviderId: 'GOOGLE_PAY',
          device: { name: 'Pixel 9', type: 'PHONE', tokenStorageId: `SE-FUZZ-${n}` },
          isPrimary: true,
          scoring: { deviceScore: 5, accountScore: 5, reasons: ['LOW_RISK_SCORE'] },
        },
        required: ['issuerCardRefId', 'virtualCardId', 'walletProviderId', 'device', 'isPrimary'],
        strictObjects: [[], ['device'], ['scoring']],
        identifiers: [['virtualCardId'], ['device', 'tokenStorageId']],
      };
    case 'notifyCardOperation':
      return {
        params: { issuerId, issuerCardRefId: lostPhone.cards[1] },
        body: {
          operationId: `fuzz-cci-${n}`,
          operation: 'DELETE',
          status: 'SUCCESSFUL',
          requestorType: 'CCI',
          requestorId: 'admin.tanaka',
          virtualCardId: lostPhone.activeOnPhone[1],
        },
        required: ['operationId', 'operation', 'status', 'requestorType'],
        strictObjects: [[]],
        identifiers: [['operationId'], ['requestorId'], ['virtualCardId']],
      };
    case 'activateToken':
      return {
        params: { virtualCardId: yellowPath.virtualCardId },
        body: {
          reasonCode: 'CUSTOMER_SERVICE_VERIFIED',
          reason: 'Verified by agent',
          verifiers: ['FULL_NAME', 'DATE_OF_BIRTH', 'REGISTERED_PHONE', 'SECURITY_WORD'],
          callAnswers: { inbound: true, askedToShareCode: false },
          expectedState: 'INACTIVE',
        },
        required: ['reasonCode', 'reason', 'expectedState'],
        strictObjects: [[], ['callAnswers']],
        identifiers: [['reason']],
      };
    case 'suspendToken':
      return {
        params: { virtualCardId: lostPhone.activeOnPhone[0] },
        body: { reasonCode: 'DEVICE_LOST', reason: 'Device lost', comment: '紛失の連絡', expectedState: 'ACTIVE' },
        required: ['reasonCode', 'reason', 'expectedState'],
        strictObjects: [[]],
        identifiers: [['reason'], ['comment']],
      };
    case 'resumeToken':
      return {
        params: { virtualCardId: suspensions.byIssuer },
        body: { reasonCode: 'DEVICE_FOUND', reason: 'Device found', expectedState: 'SUSPENDED' },
        required: ['reasonCode', 'reason', 'expectedState'],
        strictObjects: [[]],
        identifiers: [['reason']],
      };
    case 'deleteToken':
      return {
        params: { virtualCardId: lostPhone.activeOnPhone[2] },
        body: { reasonCode: 'DEVICE_STOLEN', reason: 'Device stolen', expectedState: 'ACTIVE' },
        required: ['reasonCode', 'reason', 'expectedState'],
        strictObjects: [[]],
        identifiers: [['reason']],
      };
  }
};

const pathOf = (target: Target, params: Readonly<Record<string, string>>): string =>
  endpoints[target].path.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));

// ---- Values --------------------------------------------------------------------------------------

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** A card number as an identifier could carry it: plain, or grouped with a separator the id allows. */
const cardNumber = fc
  .tuple(fc.constantFrom('4', '51', '37', '6011', '35'), fc.integer({ min: 13, max: 19 }), fc.constantFrom('', '-', '_', '.'), fc.constantFrom('', 'VC', 'x'))
  .map(([prefix, length, separator, lead]) => `${lead}${separator === '' ? testPan(prefix, length) : grouped(testPan(prefix, length), separator)}`);

const scalar: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 20 }));
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }) },
);

const kindOf = (value: Json | undefined): string => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** One value of each JSON type; a wrong-type defect takes one of another type than the field's. */
const everyType = fc.tuple(
  fc.constant(null),
  fc.boolean(),
  fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  fc.string({ maxLength: 30 }),
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
);

/** Arrays or objects nested `depth` deep: no field of these calls takes either at that depth. Built when sent, so a failure prints short. */
const nestedValue = (depth: number, arrays: boolean): Json => {
  let value: Json = arrays ? [] : {};
  for (let i = 0; i < depth; i += 1) value = arrays ? [value] : { a: value };
  return value;
};

/** Longer than any string field of these calls allows (4,096 at most), up to past the 64 KB body limit. */
const hugeLength = fc.integer({ min: 5_000, max: 90_000 });

// ---- Defects -------------------------------------------------------------------------------------

/** One thing wrong with a request; each alone must get it refused. */
export type Defect =
  | { readonly kind: 'missing-field'; readonly field: number }
  | { readonly kind: 'extra-field'; readonly where: number; readonly key: string; readonly value: Json }
  | { readonly kind: 'wrong-type'; readonly field: number; readonly pick: number; readonly values: readonly Json[] }
  | { readonly kind: 'huge'; readonly field: number; readonly length: number; readonly char: string }
  | { readonly kind: 'nested'; readonly field: number; readonly depth: number; readonly arrays: boolean }
  | { readonly kind: 'card-number'; readonly where: 'identifier' | 'correlation-id' | 'idempotency-key'; readonly field: number; readonly value: string }
  | { readonly kind: 'wrong-credential'; readonly as: 'none' | 'garbage' | 'workstation' | 'agent' | 'platform' | 'platform-with-session' }
  | { readonly kind: 'idempotency-key'; readonly as: 'missing' | 'twice' | 'malformed' | 'reused'; readonly value: string }
  | { readonly kind: 'correlation-id'; readonly as: 'missing' | 'malformed'; readonly value: string }
  | { readonly kind: 'format'; readonly as: 'not-json' | 'text-plain' | 'form' | 'no-body' | 'array' | 'scalar'; readonly raw: string }
  | { readonly kind: 'other-issuer' };

const index = fc.nat({ max: 1_000 });

const defect: fc.Arbitrary<Defect> = fc.oneof(
  index.map((field) => ({ kind: 'missing-field' as const, field })),
  fc
    .tuple(index, fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.constantFrom('isAdmin', 'role', 'agentId', 'dpan', 'pan'), fc.string({ minLength: 1, maxLength: 12 })), anyJson)
    .map(([where, key, value]) => ({ kind: 'extra-field' as const, where, key, value })),
  fc.tuple(index, fc.nat({ max: 4 }), everyType).map(([field, pick, values]) => ({ kind: 'wrong-type' as const, field, pick, values })),
  fc.tuple(index, hugeLength, fc.constantFrom('x', '4', 'あ', '\u0000')).map(([field, length, char]) => ({ kind: 'huge' as const, field, length, char })),
  fc.tuple(index, fc.integer({ min: 40, max: 3000 }), fc.boolean()).map(([field, depth, arrays]) => ({ kind: 'nested' as const, field, depth, arrays })),
  fc
    .tuple(fc.constantFrom('identifier' as const, 'correlation-id' as const, 'idempotency-key' as const), index, cardNumber)
    .map(([where, field, value]) => ({ kind: 'card-number' as const, where, field, value })),
  fc.constantFrom('none', 'garbage', 'workstation', 'agent', 'platform', 'platform-with-session').map((as) => ({ kind: 'wrong-credential' as const, as })),
  fc
    .tuple(fc.constantFrom('missing' as const, 'twice' as const, 'malformed' as const, 'reused' as const), fc.constantFrom('short', 'has space', 'schlüssel-12345', 'a'.repeat(129), 'key/with/slash', ''))
    .map(([as, value]) => ({ kind: 'idempotency-key' as const, as, value })),
  fc
    .tuple(fc.constantFrom('missing' as const, 'malformed' as const), fc.constantFrom('', 'has space', 'x'.repeat(65), 'ü-umlaut', 'a,b'))
    .map(([as, value]) => ({ kind: 'correlation-id' as const, as, value })),
  fc
    .tuple(fc.constantFrom('not-json' as const, 'text-plain' as const, 'form' as const, 'no-body' as const, 'array' as const, 'scalar' as const), fc.constantFrom('{"a":', '{]', 'null', '[1,2]', '"text"', 'a=b&c=d', '{"__proto__":{"x":1}}'))
    .map(([as, raw]) => ({ kind: 'format' as const, as, raw })),
  fc.constant({ kind: 'other-issuer' as const }),
);

export interface HostileCase {
  readonly target: Target;
  readonly defects: readonly Defect[];
}

export const hostileCase = (targets: readonly Target[]): fc.Arbitrary<HostileCase> =>
  fc.record({ target: fc.constantFrom(...targets), defects: fc.array(defect, { minLength: 1, maxLength: 3 }) });

// ---- Turning a case into the request -------------------------------------------------------------

/** Who sends it: the credential kinds the world can present. */
export type Credential = 'none' | 'garbage' | 'workstation' | 'agent' | 'platform' | 'platform-with-session';

export interface HostileRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly credential: Credential;
  readonly headers: Readonly<Record<string, string | string[]>>;
  /** The exact bytes sent; undefined sends no body. */
  readonly body: string | undefined;
  /** What makes it hostile, for the failure message. */
  readonly why: string;
}

const at = <T>(items: readonly T[], n: number): T => {
  const item = items[n % items.length];
  if (item === undefined) throw new Error('no items');
  return item;
};

const clone = (value: JsonObject): JsonObject => JSON.parse(JSON.stringify(value)) as JsonObject;

const isObject = (value: Json | undefined): value is JsonObject => value !== null && value !== undefined && typeof value === 'object' && !Array.isArray(value);

/** The object at `path` in `body`; where an earlier defect replaced or removed it, the body itself. */
const objectAt = (body: JsonObject, path: readonly string[]): JsonObject => {
  let current: JsonObject = body;
  for (const key of path) {
    const next = current[key];
    if (!isObject(next)) return body;
    current = next;
  }
  return current;
};

/** Sets a key as an own, enumerable property, so even `__proto__` is sent as a key, not a prototype. */
const setOwn = (object: JsonObject, key: string, value: Json): void => {
  Object.defineProperty(object, key, { value, enumerable: true, configurable: true, writable: true });
};

const setAt = (body: JsonObject, path: readonly string[], value: Json): void => {
  const last = path[path.length - 1];
  if (last === undefined) throw new Error('empty path');
  setOwn(objectAt(body, path.slice(0, -1)), last, value);
};

/** Every field of the body (top-level and in its strict objects), as paths. */
const fieldsOf = (base: Base): string[][] => base.strictObjects.flatMap((object) => Object.keys(objectAt(base.body, object)).map((key) => [...object, key]));

export interface RequestSetup {
  readonly issuerId: string;
  /** A key the platform used before (with another request); reusing it must be a 422. */
  readonly platformKeyUsed: string;
  /** A key this agent used before (with another request). */
  readonly agentKeyUsed: string;
  /** Tells this run's fresh keys apart from any earlier run's against the same backend. */
  readonly run: string;
}

/** The request a case describes: its target's base with every defect applied. `n` is the run's number (fresh ids and keys). */
export const requestOf = (hostile: HostileCase, setup: RequestSetup, n: number): HostileRequest => {
  const { target } = hostile;
  const base = baseRequest(target, setup.issuerId, n);
  const body = clone(base.body);
  const params = { ...base.params };
  const callback = isCallback(target);
  let credential: Credential = callback ? 'platform' : 'agent';
  let idempotencyKey: string | string[] | undefined = `fuzz-${setup.run}-${n}`;
  let correlationId: string | undefined = `fuzz-${n}`;
  let contentType = 'application/json';
  let issuerId = setup.issuerId;
  let raw: string | undefined;
  const why: string[] = [];

  for (const item of hostile.defects) {
    switch (item.kind) {
      case 'missing-field': {
        const field = at(base.required, item.field);
        delete body[field];
        why.push(`without ${field}`);
        break;
      }
      case 'extra-field': {
        const where = at(base.strictObjects, item.where);
        const object = objectAt(body, where);
        // An unknown key only: a known one would be a value, not an extra field.
        const key = Object.hasOwn(objectAt(base.body, where), item.key) || Object.hasOwn(object, item.key) ? `${item.key}_extra` : item.key;
        setOwn(object, key, item.value);
        why.push(`extra key ${JSON.stringify(key)} at ${where.join('.') || 'top'}`);
        break;
      }
      case 'wrong-type': {
        const field = at(fieldsOf(base), item.field);
        const kind = kindOf(objectAt(base.body, field.slice(0, -1))[field[field.length - 1] ?? '']);
        setAt(body, field, at(item.values.filter((value) => kindOf(value) !== kind), item.pick));
        why.push(`wrong type at ${field.join('.')}`);
        break;
      }
      case 'huge': {
        const field = at(fieldsOf(base), item.field);
        setAt(body, field, item.char.repeat(item.length));
        why.push(`${item.length} characters at ${field.join('.')}`);
        break;
      }
      case 'nested': {
        const field = at(fieldsOf(base), item.field);
        setAt(body, field, nestedValue(item.depth, item.arrays));
        why.push(`${item.arrays ? 'arrays' : 'objects'} nested ${item.depth} deep at ${field.join('.')}`);
        break;
      }
      case 'card-number': {
        if (item.where === 'correlation-id') correlationId = item.value;
        else if (item.where === 'idempotency-key') idempotencyKey = `key-${item.value}`;
        else if (base.params['virtualCardId'] !== undefined && item.field % 2 === 0) params['virtualCardId'] = item.value;
        else setAt(body, at(base.identifiers, item.field), item.value);
        why.push(`card number in ${item.where}`);
        break;
      }
      case 'wrong-credential': {
        // The right credential is no defect (a platform call ignores an agent session): the other side's stands in for it.
        const right: readonly Credential[] = callback ? ['platform', 'platform-with-session'] : ['agent'];
        credential = right.includes(item.as) ? (callback ? 'workstation' : 'platform') : item.as;
        why.push(`as ${credential}`);
        break;
      }
      case 'idempotency-key': {
        if (item.as === 'missing') idempotencyKey = undefined;
        else if (item.as === 'twice') idempotencyKey = [`fuzz-twice-a-${n}`, `fuzz-twice-b-${n}`];
        else if (item.as === 'malformed') idempotencyKey = item.value;
        else idempotencyKey = callback ? setup.platformKeyUsed : setup.agentKeyUsed;
        why.push(`idempotency-key ${item.as}`);
        break;
      }
      case 'correlation-id': {
        correlationId = item.as === 'missing' ? undefined : item.value;
        why.push(`x-correlation-id ${item.as}`);
        break;
      }
      case 'format': {
        if (item.as === 'text-plain') contentType = 'text/plain';
        else if (item.as === 'form') contentType = 'application/x-www-form-urlencoded';
        else if (item.as === 'no-body') raw = '';
        else if (item.as === 'array') raw = JSON.stringify([body]);
        else if (item.as === 'scalar') raw = JSON.stringify(n);
        else raw = item.raw;
        why.push(`body ${item.as}`);
        break;
      }
      case 'other-issuer': {
        // Where each call names its issuer: the D1 path, the card of a TSH call, /api's header.
        if (target === 'notifyCardOperation') params['issuerId'] = 'OTHERISSU1';
        else if (callback) body['issuerCardRefId'] = 'CRFUZZNOCARD1';
        else issuerId = 'OTHERISSU1';
        why.push('another issuer');
        break;
      }
    }
  }
  const headers: Record<string, string | string[]> = { 'content-type': contentType, 'x-issuer-id': issuerId };
  if (correlationId !== undefined) headers['x-correlation-id'] = correlationId;
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  return {
    method: 'POST',
    path: pathOf(target, params),
    credential,
    headers,
    body: raw === '' ? undefined : (raw ?? JSON.stringify(body)),
    why: `${target}: ${why.join('; ')}`,
  };
};
