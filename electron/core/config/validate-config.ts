import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { BackendConfig } from './config-schema';
import { readConfigFile, type ConfigProblem } from './load-config';
import { TlsFileError, readTlsMaterial } from './tls-material';

export interface ConfigValidation {
  readonly file: string;
  readonly valid: boolean;
  /** Every problem, each with its field; empty when the file is valid. */
  readonly problems: readonly ConfigProblem[];
  /** The settings the file sets (top-level keys that passed), for the summary line. */
  readonly fields: readonly string[];
  readonly locked: readonly string[];
}

/**
 * Checks a machine-wide settings file the way the console reads it at start, without starting
 * anything: every field against its schema, the lock list, and the mTLS files it names (present,
 * readable, a certificate and its key). `token-desk --validate-config FILE` and
 * `npm run validate-config -- FILE` both run this, so an installer checks exactly what the
 * console will accept.
 */
export const validateConfigFile = async (path: string): Promise<ConfigValidation> => {
  const file = resolve(path);
  const missing = await stat(file).then(
    (info) => (info.isFile() ? null : 'is not a file'),
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'does not exist' : `cannot be read (${error.code ?? 'error'})`),
  );
  if (missing) return { file, valid: false, problems: [{ file, field: null, message: missing }], fields: [], locked: [] };

  const read = await readConfigFile(file, 'machine');
  const problems = [...read.problems];
  const backend: BackendConfig | undefined = read.values.backend;
  if (backend?.mtls) {
    try {
      await readTlsMaterial(backend.mtls);
    } catch (error) {
      if (!(error instanceof TlsFileError)) throw error;
      problems.push({ file, field: `backend.mtls.${error.role}`, message: error.message });
    }
  }
  return { file, valid: problems.length === 0, problems, fields: Object.keys(read.values), locked: [...read.locked, ...(read.keyLocked ? ['workstationKey'] : [])] };
};

/** One line per problem, `FILE: field: message`, then a verdict; what both command lines print. */
const formatValidation = (result: ConfigValidation): string[] => {
  if (result.valid) {
    const set = result.fields.length > 0 ? result.fields.join(', ') : 'nothing (all defaults)';
    const locked = result.locked.length > 0 ? `; locked: ${result.locked.join(', ')}` : '';
    return [`${result.file}: valid (sets ${set}${locked})`];
  }
  return [
    ...result.problems.map((problem) => `${result.file}: ${problem.field ?? '(file)'}: ${problem.message}`),
    `${result.file}: invalid, ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}`,
  ];
};

export interface ValidationOutput {
  out(line: string): void;
  err(line: string): void;
}

/**
 * The command itself, for main (`--validate-config FILE`) and the npm script alike: 0 when every
 * file is valid, 1 when one is not, 2 when no file was named.
 */
export const runConfigValidation = async (files: readonly string[], output: ValidationOutput): Promise<number> => {
  if (files.length === 0) {
    output.err('usage: token-desk --validate-config FILE [FILE…]   (npm run validate-config -- FILE)');
    return 2;
  }
  let code = 0;
  for (const file of files) {
    const result = await validateConfigFile(file);
    for (const line of formatValidation(result)) (result.valid ? output.out : output.err)(line);
    if (!result.valid) code = 1;
  }
  return code;
};
