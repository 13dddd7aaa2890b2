import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT_WINDOW_MS, MAX_WRONG_ENROLMENT_CODES, createEnrolmentCodeGate } from '../../../../electron/core/session/enrolment-code';
import { memoryLogger } from '../../electron/helpers/memory-logger';
import { startCore, type CoreHarness } from './support/core-harness';

/**
 * The installer's one-time enrolment code, through the real dispatcher: with `enrolmentCodeSha256`
 * in the machine-wide file, a seat's first key set up signed out needs the code; wrong codes are
 * counted and lock enrolment out until a restart; the code enrols once; an administrator signed
 * in is not asked for it. Settings changed signed out before the first key need the code too; the
 * right code opens the enrolment (settings and key made together, the key spends it). Without the
 * hash, nothing changes.
 */
const CODE = 'K7PQ-2M9X-WT4D';
const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const ecPem = (): string => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const admin = { agentId: 'admin.tanaka', password: 'Training-Tanaka-2026' };
const withCode = { enrolmentCodeSha256: sha256Hex(CODE).toUpperCase() };

const open: CoreHarness[] = [];
const dirs: string[] = [];
const start = async (...args: Parameters<typeof startCore>): Promise<CoreHarness> => {
  const h = await startCore(...args);
  open.push(h);
  return h;
};
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
const profile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'td-enrol-'));
  dirs.push(dir);
  return dir;
};
const repoint = { externalLinkAllowlist: ['evil.example'] };

describe('the one-time enrolment code', () => {
  it('is not asked for when the machine-wide file sets no hash: a first key is set up signed out as before', async () => {
    const h = await start();
    expect(await h.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: false });
    expect((await h.ok('credentials.generateKey', {})).status).toMatchObject({ configured: true, enrolmentCodeRequired: false });
  });

  it('is asked for by the status, and a first key without it is refused, generated or imported, with nothing stored', async () => {
    const h = await start({ machine: withCode });
    expect((await h.ok('config.get')).problems).toEqual([]);
    expect(await h.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: true });
    expect(await h.fail('credentials.generateKey', {})).toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED', messageKey: 'errors.enrolmentCodeRequired', fields: ['enrolmentCode'] });
    expect(await h.fail('credentials.importKey', { pem: ecPem() })).toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED' });
    expect((await h.ok('credentials.status')).configured).toBe(false);
  });

  it('refuses a wrong code, counts it, and after 5 in a row refuses even the right one until the console restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-enrol-'));
    dirs.push(dir);
    const h = await start({ dir, machine: withCode });
    for (let attempt = 1; attempt < MAX_WRONG_ENROLMENT_CODES; attempt += 1) {
      expect(await h.fail('credentials.generateKey', { enrolmentCode: `wrong-${attempt}` })).toMatchObject({ code: 'ENROLMENT_CODE_WRONG', messageKey: 'errors.enrolmentCodeWrong' });
    }
    expect(MAX_WRONG_ENROLMENT_CODES).toBe(5);
    expect(await h.fail('credentials.importKey', { pem: ecPem(), enrolmentCode: 'wrong-5' })).toMatchObject({ code: 'ENROLMENT_CODE_LOCKED', messageKey: 'errors.enrolmentCodeLocked' });
    expect(await h.fail('credentials.generateKey', { enrolmentCode: CODE })).toMatchObject({ code: 'ENROLMENT_CODE_LOCKED' });
    expect((await h.ok('credentials.status')).configured).toBe(false);
    // Neither the right code nor the wrong ones reach the log.
    expect(h.logLines.join('\n')).not.toMatch(/K7PQ|wrong-\d/);

    // A restart (same profile) forgets the count: the right code enrols.
    await h.close();
    open.splice(open.indexOf(h), 1);
    const again = await start({ dir, machine: withCode });
    expect((await again.ok('credentials.generateKey', { enrolmentCode: CODE })).status.configured).toBe(true);
  });

  it('counts only wrong codes in a row: the right one resets the count', async () => {
    const h = await start({ machine: withCode });
    for (let attempt = 1; attempt < MAX_WRONG_ENROLMENT_CODES; attempt += 1) {
      expect(await h.fail('credentials.generateKey', { enrolmentCode: 'nope' })).toMatchObject({ code: 'ENROLMENT_CODE_WRONG' });
    }
    // A key the console refuses does not spend the code, and a right code clears the count.
    expect(await h.fail('credentials.importKey', { pem: `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(64)}\n-----END PRIVATE KEY-----\n`, enrolmentCode: CODE })).toMatchObject({
      code: 'KEY_INVALID',
    });
    expect(await h.fail('credentials.generateKey', { enrolmentCode: 'nope' })).toMatchObject({ code: 'ENROLMENT_CODE_WRONG' });
    expect((await h.ok('credentials.importKey', { pem: ecPem(), enrolmentCode: ` ${CODE} ` })).status).toMatchObject({ configured: true, enrolmentCodeRequired: false });
  });

  it('enrols once: the spent code is recorded (its hash only) and refused after the key is removed', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-enrol-'));
    dirs.push(dir);
    const first = await start({ dir, machine: withCode });
    expect((await first.ok('credentials.generateKey', { enrolmentCode: CODE })).status.configured).toBe(true);
    // Enrolled: signed out, the key is an administrator's to change, code or not.
    expect(await first.fail('credentials.generateKey', { enrolmentCode: CODE })).toMatchObject({ code: 'ADMIN_REQUIRED' });
    const record = await readFile(join(dir, 'enrolment.json'), 'utf8');
    expect(JSON.parse(record)).toEqual({ spentCodeSha256: [sha256Hex(CODE)] });
    expect(record).not.toContain(CODE);
    await first.close();
    open.splice(open.indexOf(first), 1);

    // The key is gone (a new key store); the profile remembers the code.
    await rm(join(dir, 'secrets.json'), { force: true });
    const after = await start({ dir, machine: withCode });
    expect(await after.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: true });
    expect(await after.fail('credentials.importKey', { pem: ecPem(), enrolmentCode: CODE })).toMatchObject({ code: 'ENROLMENT_CODE_SPENT', messageKey: 'errors.enrolmentCodeSpent' });
    expect((await after.ok('credentials.status')).configured).toBe(false);

    // A new code from the installer enrols the seat again.
    const next = await start({ dir, machine: { enrolmentCodeSha256: sha256Hex('NEW-CODE-2') } });
    expect((await next.ok('credentials.generateKey', { enrolmentCode: 'NEW-CODE-2' })).status.configured).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'enrolment.json'), 'utf8'))).toEqual({ spentCodeSha256: [sha256Hex(CODE), sha256Hex('NEW-CODE-2')] });
  });

  it('lets one of two concurrent first enrolments with the right code in, never both', async () => {
    const h = await start({ machine: withCode });
    const results = await Promise.all([h.call('credentials.generateKey', { enrolmentCode: CODE }), h.call('credentials.importKey', { pem: ecPem(), enrolmentCode: CODE })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'ENROLMENT_CODE_SPENT' } });
  });

  it('is not asked of an administrator signed in, and spends nothing then', async () => {
    const h = await start({ machine: withCode });
    await h.ok('session.signIn', admin);
    expect(await h.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: false });
    expect((await h.ok('credentials.generateKey', {})).status.configured).toBe(true);
    expect((await h.ok('credentials.importKey', { pem: ecPem() })).status.configured).toBe(true);
    await expect(readFile(join(h.dir, 'enrolment.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
    await h.ok('session.signOut');
  });

  it('refuses every code when the profile record is unreadable (it cannot prove the code unspent)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'td-enrol-'));
    dirs.push(dir);
    await writeFile(join(dir, 'enrolment.json'), '{ not json');
    const h = await start({ dir, machine: withCode });
    expect(await h.fail('credentials.generateKey', { enrolmentCode: CODE })).toMatchObject({ code: 'ENROLMENT_CODE_SPENT' });
  });

  it('names a hash that is not 64 hex digits as a problem of the machine file, and one in the user file too', async () => {
    const bad = await start({ machine: { enrolmentCodeSha256: 'abc' }, user: { enrolmentCodeSha256: sha256Hex(CODE) } });
    const problems = (await bad.ok('config.get')).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'enrolmentCodeSha256', message: expect.stringContaining('64 hex digits') }),
        expect.objectContaining({ field: 'enrolmentCodeSha256', message: expect.stringContaining('machine-wide') }),
      ]),
    );
    // Neither counts: no code is asked for.
    expect((await bad.ok('credentials.status')).enrolmentCodeRequired).toBe(false);
  });
});

describe('settings changed before the first key', () => {
  it('keep today’s behaviour when the machine-wide file sets no enrolment code', async () => {
    const h = await start();
    expect((await h.ok('config.set', repoint)).externalLinkAllowlist).toEqual(['evil.example']);
  });

  it('are refused without the code, or with a wrong one, and nothing changes', async () => {
    const h = await start({ machine: withCode });
    const before = await h.ok('config.get');
    expect(await h.fail('config.set', repoint)).toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED', fields: ['enrolmentCode'] });
    expect(await h.fail('config.set', { ...repoint, enrolmentCode: 'wrong' })).toMatchObject({ code: 'ENROLMENT_CODE_WRONG', fields: ['enrolmentCode'] });
    expect(await h.ok('config.get')).toEqual(before);
    expect(h.logLines.join('\n')).not.toContain(CODE);
  });

  it('share the key’s count of wrong codes: after 5 in a row, settings and key are refused until a restart, the right code too', async () => {
    const h = await start({ machine: withCode });
    for (let attempt = 1; attempt < MAX_WRONG_ENROLMENT_CODES; attempt += 1) {
      const call = attempt % 2 === 0 ? h.fail('config.set', { ...repoint, enrolmentCode: `wrong-${attempt}` }) : h.fail('credentials.generateKey', { enrolmentCode: `wrong-${attempt}` });
      expect(await call).toMatchObject({ code: 'ENROLMENT_CODE_WRONG' });
    }
    expect(await h.fail('config.set', { ...repoint, enrolmentCode: 'wrong-5' })).toMatchObject({ code: 'ENROLMENT_CODE_LOCKED' });
    expect(await h.fail('config.set', { ...repoint, enrolmentCode: CODE })).toMatchObject({ code: 'ENROLMENT_CODE_LOCKED' });
    expect(await h.fail('credentials.generateKey', { enrolmentCode: CODE })).toMatchObject({ code: 'ENROLMENT_CODE_LOCKED' });
  });

  it('with the right code open the enrolment: more settings and then the key without typing it again; the key spends it and closes the setup', async () => {
    const h = await start({ machine: withCode });
    expect((await h.ok('config.set', { ...repoint, enrolmentCode: CODE })).externalLinkAllowlist).toEqual(['evil.example']);
    // The status no longer asks for the code while the enrolment is open.
    expect(await h.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: false });
    expect((await h.ok('config.set', { idleLockMinutes: 7 })).idleLockMinutes).toBe(7);
    expect((await h.ok('credentials.generateKey', {})).status.configured).toBe(true);
    // Enrolled: signed out, settings are an administrator's, code or not.
    expect(await h.fail('config.set', { idleLockMinutes: 9, enrolmentCode: CODE })).toMatchObject({ code: 'ADMIN_REQUIRED' });
  });

  it('do not spend the code: after a restart the enrolment is closed again, and the same code still enrols the key', async () => {
    const dir = await profile();
    const first = await start({ dir, machine: withCode });
    await first.ok('config.set', { ...repoint, enrolmentCode: CODE });
    await first.close();
    open.splice(open.indexOf(first), 1);
    const again = await start({ dir, machine: withCode });
    expect(await again.ok('credentials.status')).toMatchObject({ configured: false, enrolmentCodeRequired: true });
    expect(await again.fail('config.set', { idleLockMinutes: 7 })).toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED' });
    expect((await again.ok('credentials.generateKey', { enrolmentCode: CODE })).status.configured).toBe(true);
  });

  it('leave locked settings locked, right code or not', async () => {
    const h = await start({ machine: { ...withCode, externalLinkAllowlist: ['help.example'], locked: ['externalLinkAllowlist'] } });
    expect(await h.fail('config.set', { ...repoint, enrolmentCode: CODE })).toMatchObject({ code: 'CONFIG_LOCKED' });
    expect((await h.ok('config.get')).externalLinkAllowlist).toEqual(['help.example']);
  });
});

describe('the enrolment a right code opens', () => {
  it('closes after its window: settings then need the code again', async () => {
    let clock = 1_000_000;
    const dir = await profile();
    const gate = createEnrolmentCodeGate({ expectedSha256: () => sha256Hex(CODE), recordFile: join(dir, 'enrolment.json'), logger: memoryLogger().logger, now: () => clock });
    const change = async (): Promise<string> => 'changed';
    await expect(gate.changeWith(undefined, change)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED' });
    expect(await gate.changeWith(CODE, change)).toBe('changed');
    expect(gate.open()).toBe(true);
    clock += ENROLMENT_WINDOW_MS - 1;
    expect(await gate.changeWith(undefined, change)).toBe('changed');
    clock += 1;
    expect(gate.open()).toBe(false);
    await expect(gate.changeWith(undefined, change)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED' });
    await expect(gate.enrolWith(undefined, change)).rejects.toMatchObject({ code: 'ENROLMENT_CODE_REQUIRED' });
  });
});
