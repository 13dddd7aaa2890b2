import { describe, expect, it } from 'vitest';
import { decideTransition, issuerOperations, issuerRefusal, whoMayResume, type TokenFacts } from '../../../shared/domain/transitions';
import { D1_REASON_TEXT, REASON_CODES, reasonTextForTokenService } from '../../../shared/domain/reason-codes';

const lot = (decision: 'GREEN' | 'YELLOW' | 'RED', idvMethods: TokenFacts['levelOfTrust']['idvMethods'] = []) => ({
  decision,
  idvMethods,
  reasons: [],
  decidedAt: '2026-11-20T10:00:00+09:00',
});
const token = (state: TokenFacts['state'], suspendedBy: TokenFacts['suspendedBy'] = [], trust = lot('GREEN')): TokenFacts => ({
  state,
  suspendedBy,
  levelOfTrust: trust,
});

describe('transition table', () => {
  it('suspends only an active token', () => {
    expect(decideTransition(token('ACTIVE'), 'suspend', 'ISSUER')).toMatchObject({ allowed: true, state: 'SUSPENDED', suspendedBy: ['ISSUER'] });
    for (const state of ['INACTIVE', 'DEPLOYMENT_ONGOING', 'DELETED'] as const) {
      expect(decideTransition(token(state), 'suspend', 'ISSUER')).toEqual({ allowed: false, rule: 'SUSPEND_ONLY_ACTIVE' });
    }
  });

  it('stacks suspensions: each party lifts only its own, active again when the last is lifted', () => {
    const both = decideTransition(token('SUSPENDED', ['WALLET']), 'suspend', 'ISSUER');
    expect(both).toMatchObject({ allowed: true, state: 'SUSPENDED', suspendedBy: ['WALLET', 'ISSUER'] });
    expect(decideTransition(token('SUSPENDED', ['WALLET', 'ISSUER']), 'resume', 'ISSUER')).toMatchObject({
      allowed: true,
      state: 'SUSPENDED',
      suspendedBy: ['WALLET'],
    });
    expect(decideTransition(token('SUSPENDED', ['ISSUER']), 'resume', 'ISSUER')).toMatchObject({ allowed: true, state: 'ACTIVE' });
  });

  it("never lets the issuer lift the wallet's or TSP's suspension unless the policy allows an override", () => {
    for (const party of ['WALLET', 'TSP'] as const) {
      expect(decideTransition(token('SUSPENDED', [party]), 'resume', 'ISSUER')).toEqual({ allowed: false, rule: 'RESUME_ONLY_OWN_SUSPENSION' });
      expect(decideTransition(token('SUSPENDED', [party]), 'resume', 'ISSUER', { issuerMayOverrideSuspension: true })).toMatchObject({
        allowed: true,
        state: 'ACTIVE',
        overridesSuspensionBy: [party],
      });
    }
    // And the wallet can never lift the issuer's.
    expect(decideTransition(token('SUSPENDED', ['ISSUER']), 'resume', 'WALLET')).toEqual({ allowed: false, rule: 'RESUME_ONLY_OWN_SUSPENSION' });
  });

  it('deletes from any state but deleted, and a deleted token never changes again', () => {
    for (const state of ['DEPLOYMENT_ONGOING', 'INACTIVE', 'ACTIVE', 'SUSPENDED'] as const) {
      expect(decideTransition(token(state), 'delete', 'ISSUER')).toMatchObject({ allowed: true, state: 'DELETED' });
    }
    for (const operation of ['activate', 'suspend', 'resume', 'delete'] as const) {
      expect(decideTransition(token('DELETED'), operation, 'ISSUER').allowed).toBe(false);
    }
  });

  it('lets the agent activate only a yellow-path token that offered customer service (Option D)', () => {
    expect(decideTransition(token('INACTIVE', [], lot('YELLOW', ['SMS_OTP', 'CUSTOMER_SERVICE'])), 'activate', 'ISSUER')).toMatchObject({
      allowed: true,
      state: 'ACTIVE',
    });
    expect(decideTransition(token('INACTIVE', [], lot('YELLOW', ['SMS_OTP'])), 'activate', 'ISSUER')).toEqual({
      allowed: false,
      rule: 'ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE',
    });
    expect(decideTransition(token('ACTIVE'), 'activate', 'ISSUER')).toEqual({ allowed: false, rule: 'ACTIVATE_ONLY_INACTIVE' });
  });

  it('offers the agent only what is allowed', () => {
    expect(issuerOperations(token('ACTIVE'))).toEqual(['suspend', 'delete']);
    expect(issuerOperations(token('SUSPENDED', ['ISSUER']))).toEqual(['resume', 'delete']);
    expect(issuerOperations(token('SUSPENDED', ['WALLET']))).toEqual(['delete']);
    expect(issuerOperations(token('INACTIVE', [], lot('YELLOW', ['CUSTOMER_SERVICE'])))).toEqual(['activate', 'delete']);
    expect(issuerOperations(token('DELETED'))).toEqual([]);
  });

  it("gives the issuer's refusal once: it suspends only an ACTIVE token, where the table would let a second party add its own", () => {
    // The wallet may add its suspension to one already in place; the issuer is not offered that.
    expect(decideTransition(token('SUSPENDED', ['WALLET']), 'suspend', 'ISSUER')).toMatchObject({ allowed: true });
    expect(issuerRefusal(token('SUSPENDED', ['WALLET']), 'suspend')).toBe('SUSPEND_ONLY_ACTIVE');
    expect(issuerRefusal(token('ACTIVE'), 'suspend')).toBeNull();
    expect(issuerRefusal(token('SUSPENDED', ['WALLET']), 'resume')).toBe('RESUME_ONLY_OWN_SUSPENSION');
    expect(issuerRefusal(token('SUSPENDED', ['WALLET']), 'resume', { issuerMayOverrideSuspension: true })).toBeNull();
    expect(issuerRefusal(token('INACTIVE', [], lot('YELLOW', ['SMS_OTP'])), 'activate')).toBe('ACTIVATE_NEEDS_STEP_UP_BY_CUSTOMER_SERVICE');
    expect(issuerRefusal(token('DELETED'), 'delete')).toBe('DELETE_ALREADY_DELETED');
  });

  it('says who may resume', () => {
    expect(whoMayResume(token('SUSPENDED', ['ISSUER']))).toEqual(['ISSUER']);
    expect(whoMayResume(token('SUSPENDED', ['WALLET']))).toEqual(['WALLET']);
    expect(whoMayResume(token('ACTIVE'))).toEqual([]);
  });
});

describe('reason codes', () => {
  it('map every choice to a D1 code and an MDES letter the service accepts for that operation', () => {
    const mdesAllowed = { activate: ['A', 'C'], suspend: ['L', 'S', 'T', 'Z'], resume: ['F', 'T', 'Z'], delete: ['L', 'S', 'T', 'C', 'Z'] };
    for (const [operation, codes] of Object.entries(REASON_CODES)) {
      for (const code of codes) expect(mdesAllowed[operation as keyof typeof mdesAllowed]).toContain(code.mdes);
      expect(codes.filter((c) => c.code === 'OTHER').every((c) => c.commentRequired)).toBe(true);
    }
  });

  it('sends the token service the reason code in words, from the table alone, in the alphabet it accepts', () => {
    expect(reasonTextForTokenService('DEVICE_LOST')).toBe('DEVICE LOST');
    expect(reasonTextForTokenService('OTHER')).toBe('OTHER');
    for (const codes of Object.values(REASON_CODES)) {
      for (const { code } of codes) expect(reasonTextForTokenService(code)).toMatch(D1_REASON_TEXT);
    }
  });
});
