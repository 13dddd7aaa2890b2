import type { IntegrityNotice } from '../../../shared/contract';

/** Problems main found in its own files on start (the audit journal, an outbox entry): the workstation's, not the agent's. */
export interface IntegrityState {
  readonly integrityNotices: readonly IntegrityNotice[];
}

export const initialIntegrityState: IntegrityState = {
  integrityNotices: [],
};
