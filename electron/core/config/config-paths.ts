import { join, posix, win32 } from 'node:path';

const USER_CONFIG_FILE = 'config.json';

/**
 * Where an installer puts the machine-wide, lockable settings. A pure function of the platform so
 * every platform's answer is testable on any machine.
 */
export const machineConfigPath = (platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string => {
  switch (platform) {
    case 'win32':
      return win32.join(env['ProgramData'] ?? env['PROGRAMDATA'] ?? 'C:\\ProgramData', 'TokenDesk', 'config.json');
    case 'darwin':
      return posix.join('/Library/Application Support', 'TokenDesk', 'config.json');
    default:
      return posix.join('/etc', 'token-desk', 'config.json');
  }
};

/** The user's own settings file, in the profile folder main passes (`app.getPath('userData')`). */
export const userConfigPath = (userDataDir: string): string => join(userDataDir, USER_CONFIG_FILE);
