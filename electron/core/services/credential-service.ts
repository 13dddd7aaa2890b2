import type { CredentialStatus } from '../../../shared/contract';
import { WorkstationKeyError, type WorkstationKeyStatus, type WorkstationKeys, type WorkstationPublicKey } from '../auth/workstation-key';
import { CallError, type Services } from '../ipc/dispatch';

type CredentialCalls = Pick<Services, 'credentials.status' | 'credentials.generateKey' | 'credentials.importKey'>;

/** Copies the public half field by field: nothing the key module might add one day rides along. */
const publicView = (key: WorkstationPublicKey) => ({
  keyId: key.keyId,
  publicJwk: { ...key.publicJwk },
  publicKeyPem: key.publicKeyPem,
});

/**
 * The workstation key, write-only: generate (answers the public half for the backend's
 * administrator), import a PEM, read the status. No call returns private material, and the
 * contract's strict PublicJwk would refuse a `d` at the border anyway.
 *
 * These always act on the workstation's own store, in training mode too: an administrator can
 * enrol the workstation before pointing it at the real backend, and the training backend's key
 * (in memory, per start) is never shown, replaced or persisted through them. The status says
 * whether a first key needs the installer's enrolment code (`enrolmentCodeRequired` decides it).
 */
export const credentialService = (
  keys: WorkstationKeys,
  enrolmentCodeRequired: (key: WorkstationKeyStatus) => boolean,
): CredentialCalls => {
  const status = async (): Promise<CredentialStatus> => {
    const key = await keys.status();
    return {
      configured: key.configured,
      keyId: key.keyId,
      storageBackend: key.storageBackend,
      persisted: key.persisted,
      enrolmentCodeRequired: enrolmentCodeRequired(key),
    };
  };
  return {
    'credentials.status': status,
    'credentials.generateKey': async () => {
      const publicKey = await keys.generateKeyPair();
      return { publicKey: publicView(publicKey), status: await status() };
    },
    'credentials.importKey': async (input) => {
      let publicKey: WorkstationPublicKey;
      try {
        publicKey = await keys.importPrivateKey(input.pem);
      } catch (error) {
        // The key module's messages never quote the input; the code is all the renderer needs.
        if (error instanceof WorkstationKeyError) throw new CallError('KEY_INVALID', `key refused: ${error.problem}`, ['pem']);
        throw error;
      }
      return { publicKey: publicView(publicKey), status: await status() };
    },
  };
};
