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

/**
 * Everything a client needs to reach a training backend: its base URL and issuer, a workstation's
 * client id, key id and private key, and the training accounts. The sandbox writes it to a file
 * (`--credentials-out`) and hands it over when started in-process; core checks it when training
 * mode receives it, since the packaged training backend is a separate bundle loaded from disk.
 */
export const TrainingCredentials = z.strictObject({
  baseUrl: z.url(),
  issuerId: IssuerId,
  clientId: z.string().min(1).max(200),
  keyId: z.string().min(1).max(200),
  privateKeyPem: z.string().startsWith('-----BEGIN PRIVATE KEY-----'),
  agents: z.array(TrainingAgentCredentials),
});
export type TrainingCredentials = z.infer<typeof TrainingCredentials>;
