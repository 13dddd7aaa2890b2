import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import {
  DEFAULT_CONFIG,
  LOCKABLE_KEYS,
  MACHINE_ONLY_FIELDS,
  fieldSchemas,
  isUserField,
  type BackendConfig,
  type ConsoleConfig,
  type UserField,
} from './config-schema';

export interface ConfigProblem {
  readonly file: string;
  /** Dotted path of the offending field; null when the whole file is unusable. */
  readonly field: string | null;
  readonly message: string;
}

export type ConfigSource = 'default' | 'machine' | 'user';

export interface LoadedConfig {
  readonly config: ConsoleConfig;
  /** Fields the installer locked: they always take the machine value and cannot be set. */
  readonly lockedFields: readonly UserField[];
  /** The installer listed `workstationKey` in `locked`: the console may not generate or import a key. */
  readonly workstationKeyLocked: boolean;
  /** Where each user-settable value came from, so the settings screen can say "set by your administrator". */
  readonly sources: Readonly<Record<UserField, ConfigSource>>;
  readonly problems: readonly ConfigProblem[];
}

export interface ConfigFiles {
  readonly userFile: string;
  readonly machineFile: string;
}

/** The values one file holds that passed validation, field by field. */
export type ValidValues = Partial<{ -readonly [F in keyof typeof fieldSchemas]: z.output<(typeof fieldSchemas)[F]> }>;

interface FileRead {
  readonly values: ValidValues;
  readonly locked: UserField[];
  readonly keyLocked: boolean;
  readonly problems: ConfigProblem[];
  /** The file exists but could not be read or parsed as a JSON object at all. */
  readonly unusable: boolean;
}

type FileKind = 'user' | 'machine';

const issuePath = (field: string, path: readonly PropertyKey[]): string => [field, ...path.map(String)].join('.');

/** Relative mTLS paths mean "beside this config file": an installer ships the certificates with it. */
const resolveMtlsPaths = (backend: BackendConfig, file: string): BackendConfig => {
  if (!backend.mtls) return backend;
  const base = dirname(file);
  const at = (path: string): string => (isAbsolute(path) ? path : resolve(base, path));
  const { certFile, keyFile, caFile } = backend.mtls;
  return { ...backend, mtls: { certFile: at(certFile), keyFile: at(keyFile), ...(caFile ? { caFile: at(caFile) } : {}) } };
};

/**
 * Reads one settings file and keeps every field that is valid on its own: a typo in one value must
 * not stop the console from opening, or the agent could not reach the screen that fixes it.
 */
export const readConfigFile = async (file: string, kind: FileKind): Promise<FileRead> => {
  const problems: ConfigProblem[] = [];
  const empty = (unusable: boolean): FileRead => ({ values: {}, locked: [], keyLocked: false, problems, unusable });
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return empty(false);
    problems.push({ file, field: null, message: `cannot be read (${code ?? 'error'})` });
    return empty(true);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push({ file, field: null, message: `is not valid JSON: ${(error as Error).message}` });
    return empty(true);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ file, field: null, message: 'must be a JSON object' });
    return empty(true);
  }

  const values: ValidValues = {};
  const locked: UserField[] = [];
  let keyLocked = false;
  for (const [field, raw] of Object.entries(data)) {
    if (field === 'locked') {
      if (kind === 'user') {
        problems.push({ file, field, message: 'only the machine-wide settings file can lock fields' });
        continue;
      }
      if (!Array.isArray(raw)) {
        problems.push({ file, field, message: 'must be a list of field names' });
        continue;
      }
      raw.forEach((name: unknown, index) => {
        if (typeof name === 'string' && isUserField(name)) locked.push(name);
        else if (name === 'workstationKey') keyLocked = true;
        else problems.push({ file, field: `locked.${index}`, message: `cannot lock ${JSON.stringify(name)}; lockable: ${LOCKABLE_KEYS.join(', ')}` });
      });
      continue;
    }
    if (!Object.hasOwn(fieldSchemas, field)) {
      problems.push({ file, field, message: 'unknown field' });
      continue;
    }
    const name = field as keyof typeof fieldSchemas;
    if (kind === 'user' && (MACHINE_ONLY_FIELDS as readonly string[]).includes(name)) {
      problems.push({ file, field, message: 'only the machine-wide settings file can set this' });
      continue;
    }
    const parsed = fieldSchemas[name].safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ file, field: issuePath(field, issue.path), message: issue.message });
      continue;
    }
    if (name === 'backend') values.backend = resolveMtlsPaths(parsed.data as BackendConfig, file);
    else Object.assign(values, { [name]: parsed.data });
  }
  return { values, locked, keyLocked, problems, unusable: false };
};

/**
 * Merges the two files: the machine file's values are defaults, the user's own values win, and a
 * locked field always takes the machine value (or the built-in default when the machine gives none).
 */
const mergeConfig = (machine: FileRead, user: FileRead): Omit<LoadedConfig, 'problems'> => {
  const lockedFields = [...new Set(machine.locked)];
  const sources = {} as Record<UserField, ConfigSource>;
  const pick = <F extends UserField>(field: F): ConsoleConfig[F] => {
    const fromUser = lockedFields.includes(field) ? undefined : user.values[field];
    const fromMachine = machine.values[field];
    sources[field] = fromUser !== undefined ? 'user' : fromMachine !== undefined ? 'machine' : 'default';
    return (fromUser ?? fromMachine ?? DEFAULT_CONFIG[field]) as ConsoleConfig[F];
  };
  const config: ConsoleConfig = {
    backend: pick('backend'),
    idleLockMinutes: pick('idleLockMinutes'),
    externalLinkAllowlist: pick('externalLinkAllowlist'),
    allowPlaintextSecrets: machine.values.allowPlaintextSecrets ?? DEFAULT_CONFIG.allowPlaintextSecrets,
    training: pick('training'),
    updates: pick('updates'),
    enrolmentCodeSha256: machine.values.enrolmentCodeSha256 ?? DEFAULT_CONFIG.enrolmentCodeSha256,
  };
  return { config, lockedFields, workstationKeyLocked: machine.keyLocked, sources };
};

export const loadConfig = async (files: ConfigFiles): Promise<LoadedConfig> => {
  const [machine, user] = await Promise.all([readConfigFile(files.machineFile, 'machine'), readConfigFile(files.userFile, 'user')]);
  const problems = [...machine.problems, ...user.problems];
  // A user value for a locked field is not an error (the user may predate the lock), but say it is ignored.
  for (const field of machine.locked) {
    if (user.values[field] !== undefined) {
      problems.push({ file: files.userFile, field, message: 'locked by the administrator; the machine-wide value is used' });
    }
  }
  return { ...mergeConfig(machine, user), problems };
};
