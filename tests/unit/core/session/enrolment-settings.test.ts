import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ENROLMENT_WINDOW_MS, MAX_WRONG_ENROLMENT_CODES, createEnrolmentCodeGate } from '../../../../electron/core/session/enrolment-code';
import { memoryLogger } from '../../electron/helpers/memory-logger';
import { startCore, type CoreHarness } from './support/core-harness';

/**
 * Settings before the first key: with `enrolmentCodeSha256` in the machine-wide file, every settings
 * change made signed out before the workstation holds a key needs the installer's code, like the key.
 * The right code opens the enrolment (settings and key made together, the key spends the code); the
 * wrong-code count and its lock are the key's; locked settings stay locked; without the hash nothing
 * changes.
 */
const CODE = 'K7PQ-2M9X-WT4D';
const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const withCode = { enrolmentCodeSha256: sha256Hex(CODE) };
const repoint = { externalLinkAllowlist: ['evil.example'] };

const open: CoreHarness[] = [];
const dirs: string[] = [];
const start = async (...args: Parameters<typeof startCore>): Promise<CoreHarness> => {
  const h = await startCore(...args);
  open.push(h);
  return h;
};
const profile = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'td-enrol-settings-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
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
