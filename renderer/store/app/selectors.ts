import type { AppState } from './initialState';

export const appSelectors = {
  phase: (s: AppState) => s.phase,
  isReady: (s: AppState) => s.phase === 'ready',
  bootError: (s: AppState) => (s.phase === 'failed' ? s.bootError : null),
  mode: (s: AppState) => s.info?.mode ?? null,
  version: (s: AppState) => s.info?.version ?? null,
  productName: (s: AppState) => s.info?.name ?? null,
};
