import { copyFile } from 'node:fs/promises';
import { writeFileAtomic } from '../fs/atomic-write';
import { UserConfigPatch, type UserField } from './config-schema';
import { loadConfig, readConfigFile, type ConfigFiles, type LoadedConfig } from './load-config';

export class ConfigLockedError extends Error {
  override readonly name = 'ConfigLockedError';
  constructor(readonly fields: readonly UserField[]) {
    super(`locked by the administrator and cannot be changed here: ${fields.join(', ')}`);
  }
}

export class ConfigValidationError extends Error {
  override readonly name = 'ConfigValidationError';
  constructor(readonly issues: readonly { field: string; message: string }[]) {
    super(`invalid settings: ${issues.map((issue) => `${issue.field}: ${issue.message}`).join('; ')}`);
  }
}

export interface ConfigStore {
  get(): LoadedConfig;
  /** Changes the user's own values (null drops one). Refuses locked fields before touching the file. */
  set(patch: UserConfigPatch): Promise<LoadedConfig>;
  /** Reads both files again, e.g. after the installer changed the machine file. */
  reload(): Promise<LoadedConfig>;
}

/**
 * The console's settings: the machine-wide file (read only, from the installer) merged with the
 * user's file (written here). Saving over a user file that had problems first keeps a copy of it,
 * so a hand-edited value the validator did not understand is never silently lost.
 */
export const openConfigStore = async (files: ConfigFiles): Promise<ConfigStore> => {
  let current = await loadConfig(files);
  let queue: Promise<unknown> = Promise.resolve();

  const save = async (patch: UserConfigPatch): Promise<LoadedConfig> => {
    const parsed = UserConfigPatch.safeParse(patch);
    if (!parsed.success) {
      throw new ConfigValidationError(parsed.error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(root)', message: issue.message })));
    }
    const fresh = await loadConfig(files);
    const locked = (Object.keys(parsed.data) as UserField[]).filter((field) => fresh.lockedFields.includes(field));
    if (locked.length > 0) throw new ConfigLockedError(locked);

    const user = await readConfigFile(files.userFile, 'user');
    if (user.problems.length > 0) await copyFile(files.userFile, `${files.userFile}.invalid-${Date.now()}`);
    const next: Record<string, unknown> = { ...user.values };
    for (const [field, value] of Object.entries(parsed.data)) {
      if (value === null) delete next[field];
      else if (value !== undefined) next[field] = value;
    }
    await writeFileAtomic(files.userFile, `${JSON.stringify(next, null, 2)}\n`);
    current = await loadConfig(files);
    return current;
  };

  return {
    get: () => current,
    set(patch) {
      const run = queue.then(() => save(patch));
      queue = run.catch(() => undefined);
      return run;
    },
    async reload() {
      current = await loadConfig(files);
      return current;
    },
  };
};
