import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';
import type { Logger } from '../logging/logger';
import { WindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowStateStore {
  /** The saved state, or null when there is none or it is unreadable (logged; the file is left as it is). */
  load(): Promise<WindowState | null>;
  /** Queues a write; writes happen one at a time, in order, each atomically. */
  save(state: WindowState): Promise<void>;
  /** Resolves when every queued write has finished, so quitting does not cut one off. */
  idle(): Promise<void>;
}

/**
 * The window's place and size in the user's profile. Losing it costs the agent a drag, never a
 * start-up: every failure here is logged and otherwise ignored.
 */
export const createWindowStateStore = (userDataDir: string, logger: Logger): WindowStateStore => {
  const file = join(userDataDir, WINDOW_STATE_FILE);
  let queue: Promise<void> = Promise.resolve();
  return {
    async load() {
      const read = await readJsonFile(file, WindowState);
      if (read.status === 'ok') return read.value;
      if (read.status === 'invalid') logger.warn({ file: read.file, problem: read.problem, fields: read.fields }, 'window state unreadable; using defaults');
      return null;
    },
    save(state) {
      const checked = WindowState.safeParse(state);
      if (!checked.success) {
        logger.warn({ fields: checked.error.issues.map((issue) => issue.path.join('.')) }, 'window state not saved: out of range');
        return queue;
      }
      const content = `${JSON.stringify(checked.data, null, 2)}\n`;
      queue = queue.then(
        () => writeFileAtomic(file, content),
      ).catch((error: unknown) => {
        logger.warn({ err: error }, 'window state not saved');
      });
      return queue;
    },
    idle: () => queue,
  };
};
