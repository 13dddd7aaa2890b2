// npm run dist says what it will sign, from the environment alone, and never takes a certificate
// from the repository.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { signingPlan } from '../../../scripts/lib/signing-plan.mjs';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

describe('signingPlan', () => {
  it('signs the Windows installer with the certificate from the environment', () => {
    const plan = signingPlan({ CSC_LINK: '/secure/token-desk.pfx', CSC_KEY_PASSWORD: 'x' }, { targets: ['win'], repoRoot: ROOT });
    expect(plan.errors).toEqual([]);
    expect(plan.lines[0]).toMatch(/will be signed with the certificate in CSC_LINK/);
  });

  it('prefers WIN_CSC_LINK and wants a password with it', () => {
    const plan = signingPlan({ WIN_CSC_LINK: '/secure/win.pfx', CSC_LINK: '/secure/other.pfx' }, { targets: ['win'], repoRoot: ROOT });
    expect(plan.lines[0]).toMatch(/WIN_CSC_LINK/);
    expect(plan.errors).toEqual(['WIN_CSC_LINK is set but neither WIN_CSC_KEY_PASSWORD nor CSC_KEY_PASSWORD is']);
  });

  it('says plainly when nothing will be signed, and how to sign', () => {
    const plan = signingPlan({}, { targets: ['win', 'linux'], repoRoot: ROOT });
    expect(plan.errors).toEqual([]);
    expect(plan.lines.join('\n')).toMatch(/Windows: NOT signed/);
    expect(plan.lines.join('\n')).toMatch(/CSC_LINK=.*CSC_KEY_PASSWORD=/);
    expect(plan.lines.join('\n')).toMatch(/apt repository, whose Release file is signed/);
  });

  it('refuses a certificate inside the repository', () => {
    const plan = signingPlan({ CSC_LINK: path.join(ROOT, 'build', 'cert.pfx'), CSC_KEY_PASSWORD: 'x' }, { targets: ['win'], repoRoot: ROOT });
    expect(plan.errors).toEqual([expect.stringMatching(/points into the repository/)]);
  });
});

describe('npm run dist -- --dry-run', () => {
  it('prints the plan and stops before building', async () => {
    const env = { ...process.env };
    delete env['CSC_LINK'];
    delete env['WIN_CSC_LINK'];
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts/dist.mjs'), '--win', '--linux', '--dry-run'], { cwd: ROOT, env });
    expect(stdout).toContain('building Windows NSIS (x64) and Linux AppImage and deb (x64)');
    expect(stdout).toContain('Windows: NOT signed');
  });
});
