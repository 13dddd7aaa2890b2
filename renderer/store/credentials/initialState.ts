import type { CredentialStatus, PublicKeyView, TypedError } from '../../../shared/contract';

export type CredentialsActivity = 'load' | 'generate' | 'import';

export type CredentialsOutcome =
  | { readonly kind: 'generated' | 'imported' }
  | { readonly kind: 'failed'; readonly attempt: 'generate' | 'import'; readonly error: TypedError };

/**
 * The workstation key as the renderer may know it: status and public half. The contract has no call
 * that returns private material, and an imported PEM goes straight into the call, never in here.
 */
export interface CredentialsSliceState {
  readonly credentialStatus: CredentialStatus | null;
  readonly credentialStatusError: TypedError | null;
  /** The public key of the last generated or imported key, for the backend administrator. */
  readonly publicKey: PublicKeyView | null;
  readonly credentialsActivity: CredentialsActivity | null;
  readonly credentialsOutcome: CredentialsOutcome | null;
}

export const initialCredentialsState: CredentialsSliceState = {
  credentialStatus: null,
  credentialStatusError: null,
  publicKey: null,
  credentialsActivity: null,
  credentialsOutcome: null,
};
