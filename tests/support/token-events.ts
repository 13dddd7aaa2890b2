import type { EventDetail, EventKind, TokenEvent, TokenEventOf } from '../../shared/api/token-event';

/** The least each kind's detail must carry: what a test starts from when it looks at something else. */
export const MINIMAL_DETAIL: { readonly [K in EventKind]: EventDetail<K> } = {
  DIGITIZATION_REQUESTED: { walletProviderId: 'APPLE_PAY', tokenRequestorId: '40010030273', deviceType: 'PHONE', deviceName: null, isPrimary: true },
  DIGITIZATION_DECIDED: { decision: 'GREEN', idvMethods: [], reasons: [] },
  DIGITIZATION_CANCELED: { cardOperation: 'DIGITIZE', status: 'FAILED' },
  STEP_UP_STARTED: {},
  ACTIVATED: { action: 'ACTIVATE', source: 'TSP' },
  SUSPENDED: { action: 'SUSPEND', source: 'WALLET' },
  RESUMED: { action: 'RESUME', source: 'WALLET' },
  DELETED: {},
  DELETED_FROM_APP: { action: 'DELETE_FROM_APP', source: 'WALLET' },
  OPERATION_FAILED: { action: 'SUSPEND' },
  NOTIFICATION_SENT: { template: 'TOKEN_DELETED', status: 'QUEUED', channel: 'SMS' },
  AGENT_ACTION: { operation: 'suspend', operationId: 'OP00001T000000', status: 'ACCEPTED' },
  CALLBACK_DUPLICATE: { action: 'SUSPEND', duplicateOf: 'EV00001T000000' },
  CALLBACK_LATE: { action: 'SUSPEND', rule: 'TOKEN_DELETED', stateAtArrival: 'DELETED' },
  APPROVAL_REQUESTED: { requestId: 'ARAAAAAAAAAAAAAAAA', operation: 'delete', rule: 'DELETE', requestedBy: { agentId: 'agent.sato', agentName: '佐藤 美咲' }, expiresAt: '2026-11-23T09:30:00.000Z' },
  APPROVAL_GRANTED: { requestId: 'ARAAAAAAAAAAAAAAAA', operation: 'delete', rule: 'DELETE', requestedBy: { agentId: 'agent.sato', agentName: '佐藤 美咲' }, decidedBy: { agentId: 'supervisor.suzuki', agentName: '鈴木 健一' } },
  APPROVAL_REJECTED: { requestId: 'ARAAAAAAAAAAAAAAAA', operation: 'delete', rule: 'DELETE', requestedBy: { agentId: 'agent.sato', agentName: '佐藤 美咲' }, decidedBy: { agentId: 'supervisor.suzuki', agentName: '鈴木 健一' } },
  APPROVAL_EXPIRED: { requestId: 'ARAAAAAAAAAAAAAAAA', operation: 'delete', rule: 'DELETE', requestedBy: { agentId: 'agent.sato', agentName: '佐藤 美咲' }, expiresAt: '2026-11-23T09:30:00.000Z' },
};

type EventFields = Omit<TokenEvent, 'kind' | 'detail'>;

/** What a test sets: the kind (SUSPENDED unless said), its detail (the minimal one unless said) and any other field. */
export type EventOverrides<K extends EventKind> = Partial<EventFields> & { readonly kind?: K; readonly detail?: EventDetail<K> };

/** A complete, valid TokenEvent of one kind, from the given defaults and the test's overrides. */
export const tokenEventWith =
  (defaults: EventFields) =>
  <K extends EventKind = 'SUSPENDED'>(overrides: EventOverrides<K> = {}): TokenEventOf<K> => {
    const kind = (overrides.kind ?? 'SUSPENDED') as K;
    // TypeScript cannot follow K from the kind to its union member; MINIMAL_DETAIL and EventOverrides pair them.
    return { ...defaults, ...overrides, kind, detail: overrides.detail ?? MINIMAL_DETAIL[kind] } as TokenEventOf<K>;
  };
