/**
 * Compile-time checks of the token-event union, built by `tsc -b` with the tests (never run): the
 * fields the console confirms an action by are read with their types, and renaming or misspelling
 * one breaks the build, in a consumer and in a producer alike. Each `@ts-expect-error` must meet
 * its error, or the build fails too.
 */
import type { EventDetail, TokenEvent, TokenEventOf } from '../../shared/api/token-event';
import type { TokenState } from '../../shared/api/token-terms';
import { CONFIRMING_EVENT, type ConfirmingKind } from '../../shared/domain/operation-events';
import type { TokenOperation } from '../../shared/domain/transitions';

// ---- AGENT_ACTION: the backend took the operation, under this id ----------------------------

export const acceptedAs = (event: TokenEventOf<'AGENT_ACTION'>): { operation: TokenOperation; operationId: string } => ({
  operation: event.detail.operation,
  operationId: event.detail.operationId,
});

// @ts-expect-error a misspelt field is not on the detail
export const misspeltOperationId = (event: TokenEventOf<'AGENT_ACTION'>): string => event.detail.operationID;

// ---- the confirming kinds: the TSP did it, for this operation id -----------------------------

export const confirmationOf = (event: TokenEventOf<ConfirmingKind>): { operation: TokenOperation | undefined; operationId: string | undefined } => ({
  operation: event.detail.operation,
  operationId: event.detail.operationId,
});

/** The confirming kind of an operation is a kind of the union, with the operation's action. */
export const confirmingKindOf = (operation: TokenOperation): ConfirmingKind => CONFIRMING_EVENT[operation];
export const suspendedAction: EventDetail<'SUSPENDED'>['action'] = 'SUSPEND';
// @ts-expect-error a SUSPENDED event records the SUSPEND action, no other
export const suspendedWithResume: EventDetail<'SUSPENDED'>['action'] = 'RESUME';

// @ts-expect-error the confirmation's operation id is not spelt otherwise
export const misspeltConfirmation = (event: TokenEventOf<'RESUMED'>): string | undefined => event.detail.operationid;

// ---- OPERATION_FAILED: the TSP could not, or the token could no longer take it --------------

export const failureOf = (
  event: TokenEventOf<'OPERATION_FAILED'>,
): { operationId: string | undefined; errorCode: string | undefined; rule: string | undefined; state: TokenState | undefined } => ({
  operationId: event.detail.operationId,
  errorCode: event.detail.errorCode,
  rule: event.detail.rule,
  state: event.detail.state,
});

// @ts-expect-error the error code is `errorCode`
export const misspeltErrorCode = (event: TokenEventOf<'OPERATION_FAILED'>): string | undefined => event.detail.error_code;

// ---- narrowing: a detail is read only after checking the kind --------------------------------

export const operationIdOf = (event: TokenEvent): string | undefined => {
  if (event.kind === 'AGENT_ACTION') return event.detail.operationId;
  // @ts-expect-error not every kind carries an operation id
  return event.detail.operationId;
};

// ---- producers: a wrong shape does not compile ------------------------------------------------

const fields = {
  eventId: 'EV00001T000001',
  virtualCardId: 'VCTEST000001',
  occurredAt: '2026-11-23T09:00:00.000Z',
  actor: { source: 'ISSUER' },
  correlationId: 'corr-0001',
} as const;

export const produced: TokenEvent = { ...fields, kind: 'AGENT_ACTION', detail: { operation: 'suspend', operationId: 'OPAAAAAAAAAA', status: 'ACCEPTED' } };

export const renamedInProducer: TokenEvent = {
  ...fields,
  kind: 'AGENT_ACTION',
  // @ts-expect-error a key renamed where the event is made
  detail: { operation: 'suspend', operationID: 'OPAAAAAAAAAA', status: 'ACCEPTED' },
};

export const joinedList: EventDetail<'DIGITIZATION_DECIDED'> = {
  decision: 'YELLOW',
  // @ts-expect-error lists are arrays, not joined strings
  idvMethods: 'SMS_OTP CUSTOMER_SERVICE',
  reasons: ['NEW_DEVICE'],
};
