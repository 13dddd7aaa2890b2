import { z } from 'zod';
import { AppMode } from './primitives';

/**
 * The console's configuration as the settings screen shows it. Values here are not secrets (the
 * key lives in the OS store); locked fields come from the installer's machine-wide file.
 */
export const ConfigField = z.enum(['backend', 'idleLockMinutes', 'externalLinkAllowlist']);
export type ConfigField = z.infer<typeof ConfigField>;

const ConfigSource = z.enum(['default', 'machine', 'user']);

export const BackendSettings = z.strictObject({
  baseUrl: z.string().min(1).max(2000),
  issuerId: z.string().min(1).max(10),
  clientId: z.string().min(1).max(128),
  keyId: z.string().min(1).max(128),
  mtls: z
    .strictObject({
      certFile: z.string().min(1).max(1000),
      keyFile: z.string().min(1).max(1000),
      caFile: z.string().min(1).max(1000).optional(),
    })
    .optional(),
});
export type BackendSettings = z.infer<typeof BackendSettings>;

export const ConfigProblemView = z.strictObject({
  file: z.string().max(2000),
  /** Dotted path of the field at fault; null when the whole file is unusable. */
  field: z.string().max(200).nullable(),
  message: z.string().max(1000),
});
export type ConfigProblemView = z.infer<typeof ConfigProblemView>;

export const ConfigView = z.strictObject({
  mode: AppMode,
  backend: BackendSettings.nullable(),
  idleLockMinutes: z.number().int().min(1).max(15),
  externalLinkAllowlist: z.array(z.string().max(253)).max(100),
  lockedFields: z.array(ConfigField),
  sources: z.record(ConfigField, ConfigSource),
  problems: z.array(ConfigProblemView).max(100),
  files: z.strictObject({ user: z.string().max(2000), machine: z.string().max(2000) }),
  /** A change of backend takes effect after a restart, so an agent is never half on one and half on another. */
  restartRequired: z.boolean(),
});
export type ConfigView = z.infer<typeof ConfigView>;

/** A user-side change: a value, or null to drop the user's own value. Validated again in core. */
export const ConfigPatch = z.strictObject({
  backend: BackendSettings.nullable().optional(),
  idleLockMinutes: z.number().int().min(1).max(15).nullable().optional(),
  externalLinkAllowlist: z.array(z.string().max(253)).max(100).nullable().optional(),
  /** The installer's one-time enrolment code, for a change made signed out before the workstation's first key (when the installer set one). */
  enrolmentCode: z.string().trim().min(1).max(200).optional(),
});
export type ConfigPatch = z.infer<typeof ConfigPatch>;
