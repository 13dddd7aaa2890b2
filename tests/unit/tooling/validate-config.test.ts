// `token-desk --validate-config FILE` and `npm run validate-config -- FILE` share one core check:
// here on real files, through the shared function, main's flag parsing and the npm script's process.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfigValidation, validateConfigFile } from '../../../electron/core/config/validate-config';
import { validateConfigFiles } from '../../../electron/main/validate-config-flag';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');
let dir: string;
let good: string;
let bad: string;
let badMtls: string;

const GOOD = {
  backend: { baseUrl: 'https://tokencare.example.co.jp', issuerId: 'ISSUERJP01', clientId: 'ws-tokyo-01', keyId: 'key-2026-01' },
  idleLockMinutes: 10,
  training: false,
  updates: { url: 'https://updates.example.co.jp/token-desk', channel: 'pilot' },
  locked: ['backend', 'training', 'updates'],
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-validate-'));
  good = join(dir, 'good.json');
  bad = join(dir, 'bad.json');
  badMtls = join(dir, 'mtls.json');
  await writeFile(good, JSON.stringify(GOOD));
  await writeFile(bad, JSON.stringify({ idleLockMinutes: 30, training: 'no', updates: { url: 'http://updates.example.co.jp' }, locked: ['allowPlaintextSecrets'], colour: 'blue' }));
  // A key that is not the certificate's: the console would fail at the first call; the check names the field now.
  await writeFile(join(dir, 'client.key'), generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
  await writeFile(badMtls, JSON.stringify({ backend: { ...GOOD.backend, mtls: { certFile: 'missing.crt', keyFile: 'client.key' } } }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('validateConfigFile', () => {
  it('accepts a complete machine-wide file', async () => {
    const result = await validateConfigFile(good);
    expect(result).toMatchObject({ valid: true, problems: [], locked: ['backend', 'training', 'updates'] });
    expect(result.fields).toEqual(['backend', 'idleLockMinutes', 'training', 'updates']);
  });

  it('names every problem with its field', async () => {
    const result = await validateConfigFile(bad);
    expect(result.valid).toBe(false);
    expect(result.problems.map((problem) => problem.field).sort()).toEqual(['colour', 'idleLockMinutes', 'locked.0', 'training', 'updates.url']);
  });

  it('checks the mTLS files the backend names, beside the file', async () => {
    const result = await validateConfigFile(badMtls);
    expect(result.problems).toEqual([{ file: badMtls, field: 'backend.mtls.certFile', message: expect.stringContaining('file not found') }]);
  });

  it('says a missing file is missing', async () => {
    const result = await validateConfigFile(join(dir, 'nope.json'));
    expect(result).toMatchObject({ valid: false, problems: [{ field: null, message: 'does not exist' }] });
  });

  it('prints one line per problem and answers 1, 0 when all files are valid, 2 without a file', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const output = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
    expect(await runConfigValidation([good, bad], output)).toBe(1);
    expect(out).toEqual([`${good}: valid (sets backend, idleLockMinutes, training, updates; locked: backend, training, updates)`]);
    expect(err).toContain(`${bad}: idleLockMinutes: Too big: expected number to be <=15`);
    expect(err.at(-1)).toBe(`${bad}: invalid, 5 problems`);
    expect(await runConfigValidation([good], output)).toBe(0);
    expect(await runConfigValidation([], output)).toBe(2);
  });
});

describe('token-desk --validate-config', () => {
  it('finds the files after the flag, in either spelling, and nothing without it', () => {
    expect(validateConfigFiles(['/opt/Token Desk/token-desk', '--validate-config', '/etc/token-desk/config.json'])).toEqual(['/etc/token-desk/config.json']);
    expect(validateConfigFiles(['electron', '.', '--validate-config=C:\\ProgramData\\TokenDesk\\config.json'])).toEqual(['C:\\ProgramData\\TokenDesk\\config.json']);
    expect(validateConfigFiles(['token-desk', '--validate-config'])).toEqual([]);
    expect(validateConfigFiles(['token-desk', '--no-sandbox'])).toBeNull();
  });
});

describe('npm run validate-config', () => {
  const script = (...files: string[]) => run(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/validate-config.ts'), ...files], { cwd: ROOT });

  it('exits 0 on a valid file', async () => {
    const { stdout } = await script(good);
    expect(stdout).toContain(`${good}: valid`);
  }, 30_000);

  it('exits 1 with each problem and its field on an invalid one', async () => {
    const failure = await script(bad).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain(`${bad}: updates.url: must use https`);
    expect(failure?.stderr).toContain(`${bad}: locked.0: cannot lock "allowPlaintextSecrets"`);
  }, 30_000);
});
