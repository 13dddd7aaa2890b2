import { z } from 'zod';
import { IssuerId } from '../../../shared/api/ids';

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The backend's address. https only: the bearer token and agent identity travel on every request.
 * Plain http is allowed for a backend on this machine (the training backend, a local test server).
 */
export const BackendUrl = z
  .string()
  .trim()
  .pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))
  .superRefine((text, ctx) => {
    // zod runs refinements even after the URL check failed; a text that is no URL is already reported.
    if (!URL.canParse(text)) return;
    const url = new URL(text);
    if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
      ctx.addIssue({ code: 'custom', message: 'must use https (plain http only for 127.0.0.1 or localhost)' });
    }
    if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
    if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'must not contain a query or fragment' });
  })
  // One canonical form without a trailing slash, so `${baseUrl}/oauth2/token` is the audience the server expects.
  .transform((text) => text.replace(/\/+$/, ''));

export const MtlsFiles = z.strictObject({
  /** The workstation's client certificate (PEM). Relative paths are resolved against the config file's folder. */
  certFile: z.string().min(1).max(1000),
  keyFile: z.string().min(1).max(1000),
  /** The CA that signed the server's certificate; absent = the system's public roots. */
  caFile: z.string().min(1).max(1000).optional(),
});
export type MtlsFiles = z.infer<typeof MtlsFiles>;

export const BackendConfig = z.strictObject({
  baseUrl: BackendUrl,
  issuerId: IssuerId,
  /** The OAuth client this workstation signs assertions as (iss = sub). */
  clientId: z.string().regex(/^[A-Za-z0-9._:@-]{1,128}$/, '1–128 of A–Z a–z 0–9 . _ : @ -'),
  /** The `kid` under which the backend knows this workstation's public key. */
  keyId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, '1–128 of A–Z a–z 0–9 . _ : -'),
  mtls: MtlsFiles.optional(),
});
export type BackendConfig = z.infer<typeof BackendConfig>;

const Hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a host name such as help.example.co.jp');

/** The release lines: a pilot group gets each release first, everyone else once it has proved itself. */
export const UpdateChannel = z.enum(['stable', 'pilot']);
export type UpdateChannel = z.infer<typeof UpdateChannel>;

/**
 * The update feed: a folder on the issuer's web server holding what electron-builder publishes
 * (latest.yml / pilot.yml and the installers). https only; plain http only on this machine (tests).
 */
export const UpdatesConfig = z.strictObject({
  url: BackendUrl,
  /** Which release line this seat follows; stable when absent. */
  channel: UpdateChannel.optional(),
});
export type UpdatesConfig = z.infer<typeof UpdatesConfig>;

/** A SHA-256 in hex, as `sha256sum` or PowerShell prints it (either case); kept in lower case. */
const EnrolmentCodeSha256 = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{64}$/, 'must be the 64 hex digits of a SHA-256')
  .transform((hex) => hex.toLowerCase());

/** Every setting, each with its own schema so one bad value never hides the others. */
export const fieldSchemas = {
  backend: BackendConfig,
  /** Minutes without input before the console locks; 15 is the ceiling the security policy allows. */
  idleLockMinutes: z.number().int().min(1).max(15),
  /** Hosts whose links may open in the system browser. */
  externalLinkAllowlist: z.array(Hostname).max(100),
  /** Administrator's opt-in to keep API secrets on disk when the OS has no real secret store. */
  allowPlaintextSecrets: z.boolean(),
  /**
   * Whether the console may run on its built-in training backend when no backend is configured.
   * An installer turns it off (and locks it) on production seats: the console then says that no
   * backend is set up instead of offering the training accounts.
   */
  training: z.boolean(),
  /** Where updates come from; absent = the console never looks for updates. */
  updates: UpdatesConfig,
  /**
   * Hex SHA-256 of the one-time code a seat's first key needs when it is enrolled signed out. The
   * file holds only the hash, so reading it gives no one the code; absent = no code is asked for.
   */
  enrolmentCodeSha256: EnrolmentCodeSha256,
} as const;

/** Fields a user may set in their own file, and so the fields an installer may lock. */
export const USER_FIELDS = ['backend', 'idleLockMinutes', 'externalLinkAllowlist', 'training', 'updates'] as const;
export type UserField = (typeof USER_FIELDS)[number];

/** Fields only the machine-wide file may hold. */
export const MACHINE_ONLY_FIELDS = ['allowPlaintextSecrets', 'enrolmentCodeSha256', 'locked'] as const;

/**
 * What `locked` may name: every user field, and `workstationKey`, which is not a value but the
 * workstation's signing key: locked, no one can generate or import a key from the console (the
 * installer puts it there another way, or has enrolled the seat already).
 */
export const LOCKABLE_KEYS = [...USER_FIELDS, 'workstationKey'] as const;

export const isUserField = (name: string): name is UserField => (USER_FIELDS as readonly string[]).includes(name);

export interface ConsoleConfig {
  /** null = no backend configured: the console runs on the training backend. */
  readonly backend: BackendConfig | null;
  readonly idleLockMinutes: number;
  readonly externalLinkAllowlist: readonly string[];
  readonly allowPlaintextSecrets: boolean;
  /** False: no training backend, even when no backend is configured. */
  readonly training: boolean;
  /** null = updates are not looked for. */
  readonly updates: UpdatesConfig | null;
  /** null = a first key needs no enrolment code. */
  readonly enrolmentCodeSha256: string | null;
}

export const DEFAULT_CONFIG: ConsoleConfig = {
  backend: null,
  idleLockMinutes: 15,
  externalLinkAllowlist: [],
  allowPlaintextSecrets: false,
  training: true,
  updates: null,
  enrolmentCodeSha256: null,
};

/** What a user may change: a value, or null to drop their own and fall back to the machine's or the default. */
export const UserConfigPatch = z.strictObject({
  backend: BackendConfig.nullable().optional(),
  idleLockMinutes: fieldSchemas.idleLockMinutes.nullable().optional(),
  externalLinkAllowlist: fieldSchemas.externalLinkAllowlist.nullable().optional(),
});
export type UserConfigPatch = z.input<typeof UserConfigPatch>;
