import type { Agent } from '../../../shared/api/model';
import type {
  AbortSignalLike,
  AppInfo,
  BackendSettings,
  CallName,
  ConfigView,
  CredentialStatus,
  PublicKeyView,
  SessionStatus,
  Settings,
  TrainingAccount,
  Transport,
} from '../../../shared/contract';

export const buildAppInfo = (overrides: Partial<AppInfo> = {}): AppInfo => ({
  name: 'Token Desk',
  version: '0.1.0',
  mode: 'training',
  locale: 'ja',
  ...overrides,
});

export const buildSettings = (overrides: Partial<Settings> = {}): Settings => ({ language: 'ja', ...overrides });

type Answer = (input: unknown, options?: { signal?: AbortSignalLike }) => unknown;

/** A Transport that answers from a table and lets the test push raw event envelopes. */
export const fakeTransport = (answers: Partial<Record<CallName, Answer>>) => {
  const listeners = new Set<(envelope: unknown) => void>();
  const invocations: { name: CallName; input: unknown }[] = [];
  const transport: Transport = {
    invoke: async (name, input, options) => {
      invocations.push({ name, input });
      const answer = answers[name];
      if (!answer) throw new Error(`no fake answer for ${name}`);
      return answer(input, options);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    transport,
    invocations,
    emit: (envelope: unknown) => {
      for (const listener of listeners) listener(envelope);
    },
    listenerCount: () => listeners.size,
  };
};

/** Sequential ids, so assertions can name them. */
export const sequentialIds = (prefix = 'local') => {
  let next = 0;
  return (): string => `${prefix}-${(next += 1)}`;
};

const buildAgent = (overrides: Partial<Agent> = {}): Agent => ({
  agentId: 'agent.sato',
  name: '佐藤 美咲',
  role: 'agent',
  ...overrides,
});

export const buildSession = (overrides: Partial<SessionStatus> = {}): SessionStatus => ({
  state: 'signedOut',
  agent: null,
  workstationId: 'ws-test',
  idleLockMinutes: 15,
  ...overrides,
});

export const buildSignedIn = (agent: Partial<Agent> = {}, overrides: Partial<SessionStatus> = {}): SessionStatus =>
  buildSession({ state: 'signedIn', agent: buildAgent(agent), ...overrides });

export const buildConfigView = (overrides: Partial<ConfigView> = {}): ConfigView => ({
  mode: 'training',
  backend: null,
  idleLockMinutes: 15,
  externalLinkAllowlist: [],
  lockedFields: [],
  sources: { backend: 'default', idleLockMinutes: 'default', externalLinkAllowlist: 'default' },
  problems: [],
  files: { user: '/home/agent/.config/token-desk/config.json', machine: '/etc/token-desk/config.json' },
  restartRequired: false,
  ...overrides,
});

export const buildBackend = (overrides: Partial<BackendSettings> = {}): BackendSettings => ({
  baseUrl: 'https://tokens.example.co.jp',
  issuerId: 'ISSUER0001',
  clientId: 'desk-01',
  keyId: 'desk-01-2026',
  ...overrides,
});

export const buildCredentialStatus = (overrides: Partial<CredentialStatus> = {}): CredentialStatus => ({
  configured: true,
  keyId: 'desk-01-2026',
  storageBackend: 'gnome_libsecret',
  persisted: true,
  enrolmentCodeRequired: false,
  ...overrides,
});

export const buildPublicKey = (overrides: Partial<PublicKeyView> = {}): PublicKeyView => ({
  keyId: 'desk-01-2026',
  publicJwk: {
    kty: 'EC',
    crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
    kid: 'desk-01-2026',
    alg: 'ES256',
    use: 'sig',
  },
  publicKeyPem:
    '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEf83OJ3D2xF1Bg8vub9tLe1gHMzV7\n6e8Tus9uPHvRVEXH8UTNG72bfocs3+2157ws2ldbqkLJK2KRiMohYjlrQ==\n-----END PUBLIC KEY-----\n',
  ...overrides,
});

export const buildTrainingAccounts = (): TrainingAccount[] => [
  { agentId: 'agent.sato', name: '佐藤 美咲', role: 'agent', password: 'Training-Sato-2026' },
  { agentId: 'admin.tanaka', name: '田中 直樹', role: 'admin', password: 'Training-Tanaka-2026' },
];
