import { vi } from 'vitest';
import type { ActionView, BulkPreview, BulkPreviewItem, DigitizationSignals, TokenActionPolicy } from '../../../../shared/contract';
import { TRAINING_IDENTITY_POLICY } from '../../../../shared/domain/identity-verification';
import { TRAINING_RISK_RULES } from '../../../../shared/domain/risk-rules';
import { createClient } from '../../../../renderer/services/client';
import { createDeskStore } from '../../../../renderer/store/desk-store';
import { routeEvents } from '../../../../renderer/store/event-router';
import { buildSignedIn, fakeTransport, sequentialIds } from '../builders';

/** Valid UUIDs in a known order, so a test can name the id the dialog will send. */
const uuids = () => {
  let next = 0;
  return (): string => `00000000-0000-4000-8000-${String((next += 1)).padStart(12, '0')}`;
};
export const uuid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const buildPolicy = (overrides: Partial<TokenActionPolicy> = {}): TokenActionPolicy => ({
  identityVerification: {
    required: [...TRAINING_IDENTITY_POLICY.required],
    choose: { from: [...TRAINING_IDENTITY_POLICY.choose.from], atLeast: TRAINING_IDENTITY_POLICY.choose.atLeast },
  },
  riskRules: TRAINING_RISK_RULES.map((rule) => ({ id: rule.id, allOf: [...rule.allOf] })),
  issuerMayOverrideSuspension: false,
  platformNotifications: true,
  ...overrides,
});

export const buildSignals = (overrides: Partial<DigitizationSignals> = {}): DigitizationSignals => ({
  virtualCardId: 'VCTEST000001',
  deviceNewForCardholder: true,
  tokensRequestedLast24h: 1,
  levelOfTrust: { decision: 'YELLOW', idvMethods: ['SMS_OTP', 'CUSTOMER_SERVICE'], reasons: ['NEW_DEVICE'], decidedAt: '2026-11-19T00:00:00.000Z' },
  requestedAt: '2026-11-19T00:00:00.000Z',
  ...overrides,
});

export const buildAction = (overrides: Partial<ActionView> = {}): ActionView => ({
  actionId: uuid(1),
  bulkId: null,
  operation: 'suspend',
  virtualCardId: 'VCTEST000001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenLastFour: '6604',
  walletProviderId: 'APPLE_PAY',
  deviceName: 'iPhone 15',
  reasonCode: 'DEVICE_LOST',
  reasonSent: 'DEVICE LOST',
  comment: null,
  verifiers: [],
  status: 'REQUESTED',
  failure: null,
  correlationId: 'act-0001',
  operationId: null,
  requestedAt: '2026-11-23T05:00:00.000Z',
  updatedAt: '2026-11-23T05:00:00.000Z',
  attempts: 0,
  nextAttemptAt: null,
  resumedAfterRestart: false,
  notification: null,
  ...overrides,
});

export const buildPreviewItem = (overrides: Partial<BulkPreviewItem> = {}): BulkPreviewItem => ({
  virtualCardId: 'VCTEST000001',
  issuerCardRefId: 'CR000001GOLD',
  cardLastFour: '4821',
  tokenLastFour: '6604',
  walletProviderId: 'APPLE_PAY',
  tokenRequestorName: 'Apple Pay',
  deviceName: 'iPhone 15',
  deviceType: 'PHONE',
  state: 'ACTIVE',
  suspendedBy: [],
  decision: 'CHANGE',
  stateAfter: 'SUSPENDED',
  skipReason: null,
  ...overrides,
});

export const buildPreview = (items: BulkPreviewItem[], overrides: Partial<BulkPreview> = {}): BulkPreview => ({
  operation: 'suspend',
  scope: { kind: 'CARD', issuerCardRefId: 'CR000001GOLD' },
  items,
  generatedAt: '2026-11-23T05:00:00.000Z',
  ...overrides,
});

type Answers = Parameters<typeof fakeTransport>[0];

/**
 * A signed-in agent's store over a fake transport, with action ids in a known order.
 * `followEvents` routes main's events into it, as the app does.
 */
export const actionsStore = (answers: Answers) => {
  const fake = fakeTransport(answers);
  const client = createClient(fake.transport, { newCorrelationId: sequentialIds('client-correlation') });
  const store = createDeskStore({
    client,
    applyLanguage: async () => undefined,
    reportError: vi.fn(),
    newCorrelationId: sequentialIds('request-id'),
    newActionId: uuids(),
  });
  store.setState({ session: buildSignedIn() });
  const calls = (name: string) => fake.invocations.filter((invocation) => invocation.name === name).map((invocation) => invocation.input);
  return { store, fake, calls, followEvents: () => routeEvents(client, store) };
};

export const ok = <T>(data: T) => ({ ok: true as const, data });

/** Lets the fake transport's answers (and the store's awaits after them) settle. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
