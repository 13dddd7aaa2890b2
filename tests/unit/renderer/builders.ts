import type { AbortSignalLike, AppInfo, CallName, Settings, Transport } from '../../../shared/contract';

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
