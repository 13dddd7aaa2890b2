import { ConfigField, type ConfigView } from '../../../shared/contract';
import type { ConfigFiles, ConfigProblem, LoadedConfig } from '../config/load-config';
import { ConfigLockedError, ConfigValidationError, type ConfigStore } from '../config/config-store';
import type { BackendConfig } from '../config/config-schema';
import { CallError, type Services } from '../ipc/dispatch';
import type { AppMode } from '../../../shared/contract';

type ConfigCalls = Pick<Services, 'config.get' | 'config.set'>;

export interface ConfigServiceOptions {
  readonly store: ConfigStore;
  readonly files: ConfigFiles;
  /** The mode the console runs in: fixed at start. */
  readonly mode: AppMode;
  /** The backend the running console uses (null in training mode), to tell when a restart is due. */
  readonly runningBackend: BackendConfig | null;
  /** A problem found while connecting (an mTLS file), shown with the files' own problems. */
  readonly connectionProblem: () => ConfigProblem | null;
  readonly onChange: (view: ConfigView, previous: LoadedConfig) => void;
}

/** The contract's limits, so a long message or path never turns config.get into INVALID_OUTPUT. */
const MAX_PROBLEMS = 100;
const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const sameBackend = (a: BackendConfig | null, b: BackendConfig | null): boolean => JSON.stringify(a) === JSON.stringify(b);

const configView = (loaded: LoadedConfig, options: Omit<ConfigServiceOptions, 'store' | 'onChange'>): ConfigView => {
  const connection = options.connectionProblem();
  const problems = [...loaded.problems, ...(connection ? [connection] : [])];
  const { config } = loaded;
  return {
    mode: options.mode,
    backend: config.backend
      ? {
          baseUrl: config.backend.baseUrl,
          issuerId: config.backend.issuerId,
          clientId: config.backend.clientId,
          keyId: config.backend.keyId,
          ...(config.backend.mtls ? { mtls: { ...config.backend.mtls } } : {}),
        }
      : null,
    idleLockMinutes: config.idleLockMinutes,
    externalLinkAllowlist: [...config.externalLinkAllowlist],
    // The settings screen shows the fields it edits; training and updates are the installer's.
    lockedFields: loaded.lockedFields.filter((field) => ConfigField.safeParse(field).success) as ConfigView['lockedFields'],
    sources: { backend: loaded.sources.backend, idleLockMinutes: loaded.sources.idleLockMinutes, externalLinkAllowlist: loaded.sources.externalLinkAllowlist },
    problems: problems.slice(0, MAX_PROBLEMS).map((problem) => ({
      file: clip(problem.file, 2000),
      field: problem.field === null ? null : clip(problem.field, 200),
      message: clip(problem.message, 1000),
    })),
    files: { user: options.files.userFile, machine: options.files.machineFile },
    restartRequired: !sameBackend(config.backend, options.runningBackend),
  };
};

/**
 * config.get and config.set over the config store. Locked and invalid values are refused with
 * the fields named; the file is untouched then. A backend change is saved but takes effect after
 * a restart (restartRequired), so a console is never half on one backend and half on another.
 */
export const configService = (options: ConfigServiceOptions): ConfigCalls => ({
  'config.get': () => configView(options.store.get(), options),
  'config.set': async (patch) => {
    const previous = options.store.get();
    let saved: LoadedConfig;
    try {
      saved = await options.store.set(patch);
    } catch (error) {
      if (error instanceof ConfigLockedError) throw new CallError('CONFIG_LOCKED', error.message, error.fields);
      if (error instanceof ConfigValidationError) throw new CallError('CONFIG_INVALID', error.message, error.issues.map((issue) => issue.field));
      throw error;
    }
    const view = configView(saved, options);
    options.onChange(view, previous);
    return view;
  },
});
