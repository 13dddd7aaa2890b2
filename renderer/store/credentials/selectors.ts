import type { CredentialStatus } from '../../../shared/contract';
import type { SessionSliceState } from '../session/initialState';
import type { CredentialsSliceState } from './initialState';

/** What the settings screen must warn about for the stored key. */
export type StorageWarning = 'notPersisted' | 'plaintext';

/** Electron safeStorage's name for "no keyring": encrypted with a hard-coded password, so in effect plaintext. */
const PLAINTEXT_BACKENDS: ReadonlySet<string> = new Set(['basic_text', 'plaintext']);

const NO_WARNINGS: readonly StorageWarning[] = [];

export const storageWarnings = (status: CredentialStatus | null): readonly StorageWarning[] => {
  if (status === null || !status.configured) return NO_WARNINGS;
  const warnings: StorageWarning[] = [];
  if (!status.persisted) warnings.push('notPersisted');
  if (PLAINTEXT_BACKENDS.has(status.storageBackend)) warnings.push('plaintext');
  return warnings.length > 0 ? warnings : NO_WARNINGS;
};

export const credentialsSelectors = {
  status: (s: CredentialsSliceState) => s.credentialStatus,
  statusError: (s: CredentialsSliceState) => s.credentialStatusError,
  publicKey: (s: CredentialsSliceState) => s.publicKey,
  activity: (s: CredentialsSliceState) => s.credentialsActivity,
  outcome: (s: CredentialsSliceState) => s.credentialsOutcome,
  /** Returns a new array only when there is something to warn about; use with useShallow. */
  storageWarnings: (s: CredentialsSliceState) => storageWarnings(s.credentialStatus),
  /**
   * Whether this screen offers to change the key and the connection, as core decides it (core
   * refuses anyway): an administrator signed in, or, signed out, a workstation that holds no key
   * yet (its first setup). Anyone else is told an administrator must sign in.
   */
  mayChangeSetup: (s: CredentialsSliceState & Pick<SessionSliceState, 'session'>): boolean =>
    s.session?.state === 'signedIn' ? s.session.agent?.role === 'admin' : s.session?.state === 'signedOut' && s.credentialStatus?.configured === false,
  /**
   * Whether the key panel asks for the installer's one-time enrolment code: core says a first key
   * needs it, and it is still a first key set up signed out (an administrator signed in needs none).
   */
  asksForEnrolmentCode: (s: CredentialsSliceState & Pick<SessionSliceState, 'session'>): boolean =>
    s.session?.state === 'signedOut' && s.credentialStatus?.configured === false && s.credentialStatus.enrolmentCodeRequired,
};
