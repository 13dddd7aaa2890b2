import { describe, expect, it } from 'vitest';
import { endpoints } from '../../shared/api/endpoints';
import { Token } from '../../shared/api/model';

const token = {
  virtualCardId: 'VCYELLOW0001',
  issuerCardRefId: 'CR000001GOLD',
  cardholderId: 'C0000001',
  tokenRequestor: { tokenRequestorId: '40010030273', name: 'Apple Pay', walletProviderId: 'APPLE_PAY' },
  device: { name: 'iPhone 16', type: 'PHONE', tokenStorageId: 'SE-0001' },
  tokenLastFour: '1234',
  fundingLastFour: '4821',
  expiry: '11/29',
  state: 'INACTIVE',
  stateSince: '2026-11-20T10:00:00+09:00',
  lastChangedBy: { source: 'TSP' },
  suspendedBy: [],
  isPrimary: true,
  levelOfTrust: { decision: 'YELLOW', idvMethods: ['CUSTOMER_SERVICE'], reasons: ['NEW_DEVICE'], decidedAt: '2026-11-20T10:00:00+09:00' },
  digitizedAt: '2026-11-20T10:00:00+09:00',
  enrolmentCorrelationId: 'enrol-0001',
};

describe('Token Care API tolerance', () => {
  it('drops fields a newer backend adds to a response instead of refusing the response', () => {
    const parsed = Token.parse({ ...token, newField: 'from a later API version', device: { ...token.device, osVersion: '26' } });
    expect(parsed).not.toHaveProperty('newField');
    expect(parsed.device).not.toHaveProperty('osVersion');
  });

  it('still refuses a response that lacks a required field', () => {
    const { state: _state, ...withoutState } = token;
    expect(Token.safeParse(withoutState).success).toBe(false);
  });

  it('keeps requests strict: an unknown field in a request body is refused', () => {
    expect(endpoints.signIn.body.safeParse({ agentId: 'agent.sato', password: 'x', extra: 1 }).success).toBe(false);
  });
});
