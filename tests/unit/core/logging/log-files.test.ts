import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RotatingFileStream } from 'rotating-file-stream';
import { openLogFile } from '../../../../electron/core/logging/log-files';
import { createLogger } from '../../../../electron/core/logging/logger';

const modeOf = async (path: string): Promise<number> => (await stat(path)).mode & 0o777;

const streams: RotatingFileStream[] = [];
const roots: string[] = [];
afterEach(async () => {
  for (const stream of streams.splice(0)) {
    stream.end();
    await once(stream, 'finish');
  }
  for (const root of roots.splice(0)) await rm(root, { recursive: true, force: true });
});

const tempRoot = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'td-log-files-'));
  roots.push(root);
  return root;
};

const open = (dir: string, options?: Parameters<typeof openLogFile>[1]): RotatingFileStream => {
  const stream = openLogFile(dir, options);
  streams.push(stream);
  return stream;
};

// POSIX permissions; on Windows the profile folder's ACL is what keeps the log private.
describe.skipIf(process.platform === 'win32')('log files', () => {
  it('makes a new folder 0700 and the log 0600', async () => {
    const dir = join(await tempRoot(), 'nested', 'logs');
    const stream = open(dir);
    createLogger({ destination: stream }).info('first line');
    await once(stream, 'open');
    await vi.waitFor(async () => expect(await readFile(join(dir, 'token-desk.log'), 'utf8')).toContain('first line'));
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(join(dir, 'token-desk.log'))).toBe(0o600);
  });

  it('narrows a folder and files that already existed with wider modes, and leaves other files alone', async () => {
    const dir = join(await tempRoot(), 'logs');
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    const older = ['token-desk.log', '20261119-1200-01-token-desk.log', 'token-desk.log.txt'];
    for (const name of older) {
      await writeFile(join(dir, name), 'an older line\n', { mode: 0o644 });
      await chmod(join(dir, name), 0o644);
    }
    await writeFile(join(dir, 'someone-else.txt'), 'not ours', { mode: 0o644 });
    await chmod(join(dir, 'someone-else.txt'), 0o644);

    const stream = open(dir);
    await once(stream, 'open');
    expect(await modeOf(dir)).toBe(0o700);
    for (const name of older) expect(await modeOf(join(dir, name)), name).toBe(0o600);
    expect(await modeOf(join(dir, 'someone-else.txt'))).toBe(0o644);
  });

  it('keeps rotated files and the list of kept files 0600', async () => {
    const dir = join(await tempRoot(), 'logs');
    const stream = open(dir, { maxFileBytes: 2_048, maxFiles: 3 });
    const logger = createLogger({ destination: stream });
    const rotated: string[] = [];
    stream.on('rotated', (file) => rotated.push(file));
    for (let i = 0; i < 200; i += 1) logger.info({ i, padding: 'x'.repeat(100) }, 'line');
    await vi.waitFor(() => expect(rotated.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    await vi.waitFor(async () => {
      const names = await readdir(dir);
      expect(names.length).toBeGreaterThanOrEqual(3);
      expect(names).toContain('token-desk.log.txt');
      for (const name of names) expect(await modeOf(join(dir, name)), name).toBe(0o600);
    });
    expect(await modeOf(dir)).toBe(0o700);
  });
});
