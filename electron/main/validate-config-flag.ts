import { runConfigValidation, type ValidationOutput } from '../core/config/validate-config';

const VALIDATE_CONFIG_FLAG = '--validate-config';

/**
 * The files named after `--validate-config` (`--validate-config FILE…` or `--validate-config=FILE`),
 * or null when the flag is absent and the console starts as usual.
 */
export const validateConfigFiles = (argv: readonly string[]): string[] | null => {
  const at = argv.findIndex((arg) => arg === VALIDATE_CONFIG_FLAG || arg.startsWith(`${VALIDATE_CONFIG_FLAG}=`));
  if (at === -1) return null;
  const flag = argv[at] ?? '';
  const inline = flag.startsWith(`${VALIDATE_CONFIG_FLAG}=`) ? [flag.slice(VALIDATE_CONFIG_FLAG.length + 1)] : [];
  return [...inline, ...argv.slice(at + 1).filter((arg) => !arg.startsWith('--'))].filter((file) => file.length > 0);
};

/**
 * `token-desk --validate-config FILE`: checks an installer's settings file with core's own check
 * and exits, before any window, lock or log exists. Returns the exit code.
 */
export const runValidateConfigFlag = (files: readonly string[], output: ValidationOutput): Promise<number> => runConfigValidation(files, output);
