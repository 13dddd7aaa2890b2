import type { EventKind } from '../api/token-event';
import type { VirtualCardAction } from '../api/token-terms';
import type { TokenOperation } from './transitions';

/**
 * How an agent's token operation, the platform's `VirtualCardAction` and the token's history
 * events map onto each other, declared once for the console (which confirms an action from its
 * event), the training backend (which turns a callback into an event) and the history (which
 * words an event as an operation). See docs/domain.md, "Operations and the transition table" and
 * "Callbacks from the platform".
 *
 * Only type imports here: the event union in shared/api uses these tables to declare what each
 * kind carries.
 */

/** The action the platform reports (and the TSP confirms) for each operation. */
export const ACTION_OF_OPERATION = {
  activate: 'ACTIVATE',
  suspend: 'SUSPEND',
  resume: 'RESUME',
  delete: 'DELETE',
} as const satisfies Readonly<Record<TokenOperation, VirtualCardAction>>;

/** The platform's actions that are an operation the issuer can make too; DELETE_FROM_APP is the wallet user's alone. */
type OperationAction = (typeof ACTION_OF_OPERATION)[TokenOperation];

/** The history event that records each platform action applied to the token. */
export const EVENT_OF_ACTION = {
  ACTIVATE: 'ACTIVATED',
  SUSPEND: 'SUSPENDED',
  RESUME: 'RESUMED',
  DELETE: 'DELETED',
  DELETE_FROM_APP: 'DELETED_FROM_APP',
} as const satisfies Readonly<Record<VirtualCardAction, EventKind>>;

/** The event that confirms each operation: the one recording its action. */
export type ConfirmingKind = (typeof EVENT_OF_ACTION)[OperationAction];

/** The event that says the TSP could not do an operation (or the token could no longer take it); the token keeps its state. */
const REFUSING_EVENT = 'OPERATION_FAILED' satisfies EventKind;

const entries = <K extends string, V>(record: Readonly<Record<K, V>>): Array<[K, V]> => Object.entries(record) as Array<[K, V]>;

export const OPERATION_OF_ACTION: Readonly<Record<OperationAction, TokenOperation>> = Object.fromEntries(
  entries(ACTION_OF_OPERATION).map(([operation, action]) => [action, operation]),
) as Record<OperationAction, TokenOperation>;

export const CONFIRMING_EVENT: Readonly<{ [O in TokenOperation]: (typeof EVENT_OF_ACTION)[(typeof ACTION_OF_OPERATION)[O]] }> = {
  activate: EVENT_OF_ACTION[ACTION_OF_OPERATION.activate],
  suspend: EVENT_OF_ACTION[ACTION_OF_OPERATION.suspend],
  resume: EVENT_OF_ACTION[ACTION_OF_OPERATION.resume],
  delete: EVENT_OF_ACTION[ACTION_OF_OPERATION.delete],
};

const OPERATION_OF_EVENT: Readonly<Record<ConfirmingKind, TokenOperation>> = Object.fromEntries(
  entries(CONFIRMING_EVENT).map(([operation, kind]) => [kind, operation]),
) as Record<ConfirmingKind, TokenOperation>;

const isKey = <K extends string>(record: Readonly<Record<K, unknown>>, key: string): key is K => Object.hasOwn(record, key);

/** The operation a platform action is (null for DELETE_FROM_APP, or a code this console does not know). */
export const operationOfAction = (action: string): TokenOperation | null => (isKey(OPERATION_OF_ACTION, action) ? OPERATION_OF_ACTION[action] : null);

/** The operation an event kind confirms (ACTIVATED → activate…), null for every other kind. */
export const operationConfirmedBy = (kind: string): TokenOperation | null => (isKey(OPERATION_OF_EVENT, kind) ? OPERATION_OF_EVENT[kind] : null);

/**
 * What an event of this kind, carrying the operation's id, says of the operation: done, refused, or
 * nothing (the agent's own record, a notification, a duplicate…).
 */
export const operationOutcome = (operation: TokenOperation, kind: string): 'confirmed' | 'refused' | null => {
  if (kind === CONFIRMING_EVENT[operation]) return 'confirmed';
  if (kind === REFUSING_EVENT) return 'refused';
  return null;
};
