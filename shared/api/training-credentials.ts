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

/**
 * What the console itself is handed: everything but the platform's key. The console signs as a
 * workstation only; were it to hold the platform's key, a bug or a hostile renderer reaching core
 * could post callbacks as the token platform. Strict, so a starter that hands over more is refused.
 */
export const TrainingConsoleCredentials = TrainingCredentials.omit({ platform: true });
export type TrainingConsoleCredentials = z.infer<typeof TrainingConsoleCredentials>;

/** The console's share of a training backend's credentials (see TrainingConsoleCredentials). */
export const consoleShareOf = ({ platform: _platform, ...console }: TrainingCredentials): TrainingConsoleCredentials => console;
