import { z } from 'zod';
import { Agent, Role } from '../api/model';
import { AgentId } from '../api/ids';

/**
 * The agent's session as the renderer sees it. The session token itself stays in main: the
 * renderer learns who is signed in and whether the console is locked, nothing it could replay.
 */
export const SessionState = z.enum(['signedOut', 'signedIn', 'locked']);
export type SessionState = z.infer<typeof SessionState>;

export const SessionStatus = z.strictObject({
  state: SessionState,
  agent: Agent.nullable(),
  workstationId: z.string().min(1).max(64),
  /** Minutes without input before the console locks itself (at most 15). */
  idleLockMinutes: z.number().int().min(1).max(15),
});
export type SessionStatus = z.infer<typeof SessionStatus>;

export const SignInInput = z.strictObject({
  agentId: AgentId,
  password: z.string().min(1).max(200),
});

export const UnlockInput = z.strictObject({
  password: z.string().min(1).max(200),
});

/** Training accounts are listed on the sign-in screen in training mode only; they are not secrets. */
export const TrainingAccount = z.strictObject({
  agentId: AgentId,
  name: z.string().min(1).max(200),
  role: Role,
  password: z.string().min(1).max(200),
});
export type TrainingAccount = z.infer<typeof TrainingAccount>;
