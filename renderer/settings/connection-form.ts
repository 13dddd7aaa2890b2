import type { AppMode, BackendSettings, ConfigField, ConfigPatch, ConfigView } from '../../shared/contract';

/** The connection form as typed: strings throughout, so a half-typed value is never lost to parsing. */
export interface ConnectionFormValues {
  readonly mode: AppMode;
  readonly baseUrl: string;
  readonly issuerId: string;
  readonly clientId: string;
  readonly keyId: string;
  readonly certFile: string;
  readonly keyFile: string;
  readonly caFile: string;
  readonly idleLockMinutes: string;
  /** One host per line. */
  readonly allowlist: string;
}

export type ConnectionFormField = keyof ConnectionFormValues;

/** Which configuration field (the unit the installer locks) each form field belongs to. */
export const configFieldOf = {
  mode: 'backend',
  baseUrl: 'backend',
  issuerId: 'backend',
  clientId: 'backend',
  keyId: 'backend',
  certFile: 'backend',
  keyFile: 'backend',
  caFile: 'backend',
  idleLockMinutes: 'idleLockMinutes',
  allowlist: 'externalLinkAllowlist',
} as const satisfies Record<ConnectionFormField, ConfigField>;

/** The dotted path main names in `error.fields` for each form field. */
const fieldPathOf = {
  mode: 'backend',
  baseUrl: 'backend.baseUrl',
  issuerId: 'backend.issuerId',
  clientId: 'backend.clientId',
  keyId: 'backend.keyId',
  certFile: 'backend.mtls.certFile',
  keyFile: 'backend.mtls.keyFile',
  caFile: 'backend.mtls.caFile',
  idleLockMinutes: 'idleLockMinutes',
  allowlist: 'externalLinkAllowlist',
} as const satisfies Record<ConnectionFormField, string>;

export const formFromConfig = (view: ConfigView): ConnectionFormValues => ({
  mode: view.backend === null ? 'training' : 'connected',
  baseUrl: view.backend?.baseUrl ?? '',
  issuerId: view.backend?.issuerId ?? '',
  clientId: view.backend?.clientId ?? '',
  keyId: view.backend?.keyId ?? '',
  certFile: view.backend?.mtls?.certFile ?? '',
  keyFile: view.backend?.mtls?.keyFile ?? '',
  caFile: view.backend?.mtls?.caFile ?? '',
  idleLockMinutes: String(view.idleLockMinutes),
  allowlist: view.externalLinkAllowlist.join('\n'),
});

const backendFromForm = (values: ConnectionFormValues): BackendSettings | null => {
  if (values.mode === 'training') return null;
  const certFile = values.certFile.trim();
  const keyFile = values.keyFile.trim();
  const caFile = values.caFile.trim();
  // Any mTLS path typed means mTLS is wanted: an incomplete pair is sent so main names the missing one.
  const mtls = certFile !== '' || keyFile !== '' || caFile !== '' ? { certFile, keyFile, ...(caFile !== '' ? { caFile } : {}) } : undefined;
  return {
    baseUrl: values.baseUrl.trim(),
    issuerId: values.issuerId.trim(),
    clientId: values.clientId.trim(),
    keyId: values.keyId.trim(),
    ...(mtls !== undefined ? { mtls } : {}),
  };
};

const hostsFromForm = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A whole number, or null for text that is none (JSON has no NaN: it would travel as null, "use the default"). */
const minutesFromForm = (text: string): number | null => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : null);

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

export interface FormPatch {
  readonly patch: ConfigPatch;
  /** Fields that cannot even be sent as typed; the rest is left for main to judge. */
  readonly invalid: readonly ConnectionFormField[];
}

/**
 * The change to send: only fields the agent changed and the installer did not lock. Sending an
 * unchanged value would pin today's default into the user's file, hiding a later machine-wide change.
 */
export const patchFromForm = (values: ConnectionFormValues, original: ConfigView): FormPatch => {
  const locked = new Set(original.lockedFields);
  const patch: { -readonly [K in keyof ConfigPatch]: ConfigPatch[K] } = {};
  const invalid: ConnectionFormField[] = [];
  if (!locked.has('backend')) {
    const backend = backendFromForm(values);
    if (!sameJson(backend, backendFromForm(formFromConfig(original)))) patch.backend = backend;
  }
  if (!locked.has('idleLockMinutes')) {
    const minutes = minutesFromForm(values.idleLockMinutes);
    if (minutes === null) invalid.push('idleLockMinutes');
    else if (minutes !== original.idleLockMinutes) patch.idleLockMinutes = minutes;
  }
  if (!locked.has('externalLinkAllowlist')) {
    const hosts = hostsFromForm(values.allowlist);
    if (!sameJson(hosts, original.externalLinkAllowlist)) patch.externalLinkAllowlist = hosts;
  }
  return { patch, invalid };
};

/** Form fields an error's paths point at: the field itself, anything inside it, or the group holding it. */
export const invalidFormFields = (paths: readonly string[]): ReadonlySet<ConnectionFormField> => {
  const invalid = new Set<ConnectionFormField>();
  for (const [field, path] of Object.entries(fieldPathOf) as [ConnectionFormField, string][]) {
    if (field === 'mode') continue;
    if (paths.some((p) => p === path || p.startsWith(`${path}.`) || (path.startsWith(`${p}.`) && p !== ''))) invalid.add(field);
  }
  return invalid;
};
