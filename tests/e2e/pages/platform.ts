import { randomUUID } from 'node:crypto';
import { expect, type APIRequestContext } from '@playwright/test';
import type {
  CallbackReceipt,
  CardOperationNotification,
  NotifyVirtualCardChangeRequest,
  RequestCardDigitizationRequest,
  RequestCardDigitizationResponse,
} from '../../../shared/api/callbacks';
import type { Cardholder, Token, TokenEvent } from '../../../shared/api/model';
import type { NotificationSettings, NotificationTemplates } from '../../../shared/api/notifications';
import { trainingBackend } from '../training-controls';

/** A spare training account for reading the backend directly, so the console's own session is never touched. */
const READER = { agentId: 'agent.kobayashi', password: 'Training-Kobayashi-2026' } as const;
/** The administrator, for the issuer's notification settings. */
const ADMIN = { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' } as const;

let sequence = 0;
/** Unique per run and per call: the sandbox keeps its data for the whole run, so ids never repeat. */
export const uniqueId = (prefix: string): string => `${prefix}${Date.now().toString(36).toUpperCase()}${(sequence += 1).toString(36).toUpperCase()}`;

export type ChangeBody = Omit<NotifyVirtualCardChangeRequest, 'issuerCardRefId' | 'walletProviderId' | 'tokenStorageId' | 'isPrimary'>;

/**
 * The token platform (D1, the TSP) as it calls the issuer's backend, over real HTTP on the callback
 * surface, and a reader of the backend's state over /api: what the scenario tests drive and check
 * besides what the console shows.
 */
export const tokenPlatform = async (request: APIRequestContext) => {
  const backend = await trainingBackend(request);
  const signedIn = await backend.send('POST', '/api/v1/agent-sessions', { data: READER });
  expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(201);
  const agentSession = (signedIn.body as { sessionToken: string }).sessionToken;

  const api = async <T>(path: string): Promise<T> => {
    const answer = await backend.send('GET', path, { agentSession });
    expect(answer.status, `GET ${path}: ${JSON.stringify(answer.body)}`).toBe(200);
    return answer.body as T;
  };

  return {
    /** `POST /tsh/v1/requestCardDigitization`: the decision and the new token. */
    requestDigitization: async (body: RequestCardDigitizationRequest, correlationId: string): Promise<RequestCardDigitizationResponse> => {
      const answer = await backend.send('POST', '/tsh/v1/requestCardDigitization', { data: body, correlationId });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as RequestCardDigitizationResponse;
    },
    /** `POST /tsh/v1/notifyVirtualCardChange` for a token of this card and device. */
    notifyChange: async (token: Pick<Token, 'issuerCardRefId' | 'device' | 'tokenRequestor'>, body: ChangeBody, correlationId: string): Promise<CallbackReceipt> => {
      const answer = await backend.send('POST', '/tsh/v1/notifyVirtualCardChange', {
        data: {
          issuerCardRefId: token.issuerCardRefId,
          walletProviderId: token.tokenRequestor.walletProviderId,
          tokenStorageId: token.device.tokenStorageId,
          isPrimary: false,
          ...body,
        } satisfies NotifyVirtualCardChangeRequest,
        correlationId,
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as CallbackReceipt;
    },
    /** `POST /d1/v1/issuers/{issuerId}/cards/{issuerCardRefId}/notifications`: D1's card-operation notification. */
    notifyCardOperation: async (issuerCardRefId: string, body: CardOperationNotification, correlationId: string): Promise<CallbackReceipt> => {
      const answer = await backend.send('POST', `/d1/v1/issuers/${backend.issuerId}/cards/${issuerCardRefId}/notifications`, { data: body, correlationId });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return answer.body as CallbackReceipt;
    },
    /** The issuer's notification settings, changed as an administrator would (the issuer may send its own OTP). */
    setNotificationSettings: async (change: Partial<NotificationSettings>): Promise<NotificationSettings> => {
      const admin = await backend.send('POST', '/api/v1/agent-sessions', { data: ADMIN });
      expect(admin.status, JSON.stringify(admin.body)).toBe(201);
      const session = (admin.body as { sessionToken: string }).sessionToken;
      const current = await backend.send('GET', '/api/v1/notification-templates', { agentSession: session });
      const settings = { ...(current.body as NotificationTemplates).settings, ...change };
      const saved = await backend.send('POST', '/api/v1/notification-settings', { data: settings, agentSession: session });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      return (saved.body as NotificationTemplates).settings;
    },
    /** Sends anything, for malformed calls. */
    send: backend.send,
    cardholder: (cardholderId: string) => api<Cardholder>(`/api/v1/cardholders/${cardholderId}`),
    token: (virtualCardId: string) => api<Token>(`/api/v1/tokens/${virtualCardId}`),
    tokenStatus: async (virtualCardId: string): Promise<number> => (await backend.send('GET', `/api/v1/tokens/${virtualCardId}`, { agentSession })).status,
    /** The token's history, newest first (the first page is plenty for a scenario). */
    events: async (virtualCardId: string): Promise<TokenEvent[]> => (await api<{ items: TokenEvent[] }>(`/api/v1/tokens/${virtualCardId}/events?limit=200`)).items,
    correlationId: (label: string): string => `e2e-${label}-${randomUUID().slice(0, 8)}`,
  };
};

export type TokenPlatform = Awaited<ReturnType<typeof tokenPlatform>>;

/**
 * A new enrolment on a device the cardholder never used, so the training rules answer YELLOW with
 * customer service among the methods (NEW_DEVICE_STEP_UP), unless `scoring` says otherwise.
 */
export const enrol = async (
  platform: TokenPlatform,
  issuerCardRefId: string,
  options: { readonly tokenStorageId?: string; readonly deviceScore?: number; readonly deviceName?: string; readonly virtualCardId?: string } = {},
): Promise<{ token: Token; decision: RequestCardDigitizationResponse; enrolment: string }> => {
  const virtualCardId = options.virtualCardId ?? uniqueId('VCE2E');
  const enrolment = platform.correlationId('enrol');
  const decision = await platform.requestDigitization(
    {
      issuerCardRefId,
      virtualCardId,
      walletProviderId: 'GOOGLE_PAY',
      device: { name: options.deviceName ?? 'Pixel 9', type: 'PHONE', tokenStorageId: options.tokenStorageId ?? uniqueId('SE-E2E-') },
      isPrimary: false,
      ...(options.deviceScore !== undefined ? { scoring: { deviceScore: options.deviceScore } } : {}),
    },
    enrolment,
  );
  return { token: await platform.token(virtualCardId), decision, enrolment };
};

/** The cardholder's first card, for a scenario that needs one of its own. */
export const firstCard = async (platform: TokenPlatform, cardholderId: string): Promise<string> => {
  const holder = await platform.cardholder(cardholderId);
  const card = holder.cards.find((candidate) => candidate.state === 'ACTIVE') ?? holder.cards[0];
  if (!card) throw new Error(`${cardholderId} has no card`);
  return card.issuerCardRefId;
};
