import { z } from 'zod';

const Version = z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/).max(64);

/**
 * Where the console's own update stands. Updates download in the background and never interrupt
 * the agent: "ready" shows a small notice in the header; it installs when the console quits or
 * when the agent chooses, and never while a token action is under way.
 */
export const UpdateStatus = z.strictObject({
  /** off: no feed configured or this install is updated by its package manager; idle: nothing to install yet. */
  state: z.enum(['off', 'idle', 'ready']),
  /** The version downloaded and verified, waiting to install (state ready). */
  version: Version.optional(),
  /** An action is under way: installing waits until it ends. */
  heldByActions: z.boolean(),
});
export type UpdateStatus = z.infer<typeof UpdateStatus>;

/** Sent once an update is downloaded and verified. */
export const UpdateReady = z.strictObject({ version: Version });
export type UpdateReady = z.infer<typeof UpdateReady>;

export const UpdateInstall = z.strictObject({ installing: z.literal(true) });
export type UpdateInstall = z.infer<typeof UpdateInstall>;
