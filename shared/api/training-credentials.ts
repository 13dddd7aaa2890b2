import { z } from 'zod';
import { AgentId, IssuerId } from './ids';
import { Role } from './model';

/** One training account: fixed, published passwords, not secrets. */
export const TrainingAgentCredentials = z.strictObject({
  agentId: AgentId,
  name: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
  role: Role,
});
export type TrainingAgentCredentials = z.infer<typeof TrainingAgentCredentials>;

/** One client's signing identity for the JWT-bearer grant: its id, its key's id and the private key. */
const ClientSigningKey = {
  clientId: z.string().min(1).max(200),
  keyId: z.string().min(1).max(200),
  privateKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
};

/**
 * Everything a client needs to reach a training backend: its base URL and issuer, a workstation's
 * client id, key id and private key, the platform's own (for the callbacks and the training
 * controls, which no workstation's key may call), and the training accounts. The sandbox writes
 * it to a file (`--credentials-out`) and hands it over when started in-process; core checks it
 * when training mode receives it, since the packaged training backend is a separate bundle loaded
 * from disk.
 */
export const TrainingCredentials = z.strictObject({
  baseUrl: z.url(),
  issuerId: IssuerId,
  ...ClientSigningKey,
  platform: z.strictObject(ClientSigningKey),
  agents: z.array(TrainingAgentCredentials),
});
export type TrainingCredentials = z.infer<typeof TrainingCredentials>;
