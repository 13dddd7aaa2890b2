import { describe, expect, it } from 'vitest';
import { formFromConfig, invalidFormFields, patchFromForm } from '../../../renderer/settings/connection-form';
import { buildBackend, buildConfigView } from './builders';

describe('formFromConfig', () => {
  it('shows training mode with empty backend fields when no backend is set', () => {
    expect(formFromConfig(buildConfigView())).toMatchObject({ mode: 'training', baseUrl: '', certFile: '', idleLockMinutes: '15', allowlist: '' });
  });

  it('fills every field of a configured backend, mTLS included', () => {
    const view = buildConfigView({
      mode: 'connected',
      backend: buildBackend({ mtls: { certFile: '/etc/td/cert.pem', keyFile: '/etc/td/key.pem' } }),
      externalLinkAllowlist: ['help.example.co.jp', 'faq.example.co.jp'],
    });
    expect(formFromConfig(view)).toEqual({
      mode: 'connected',
      baseUrl: 'https://tokens.example.co.jp',
      issuerId: 'ISSUER0001',
      clientId: 'desk-01',
      keyId: 'desk-01-2026',
      certFile: '/etc/td/cert.pem',
      keyFile: '/etc/td/key.pem',
      caFile: '',
      idleLockMinutes: '15',
      allowlist: 'help.example.co.jp\nfaq.example.co.jp',
    });
  });
});

describe('patchFromForm', () => {
  const training = buildConfigView();

  it('sends nothing when nothing changed', () => {
    expect(patchFromForm(formFromConfig(training), training)).toEqual({ patch: {}, invalid: [] });
  });

  it('sends only the changed fields, trimmed', () => {
    const values = { ...formFromConfig(training), idleLockMinutes: ' 5 ', allowlist: ' help.example.co.jp \n\n' };
    expect(patchFromForm(values, training).patch).toEqual({ idleLockMinutes: 5, externalLinkAllowlist: ['help.example.co.jp'] });
  });

  it('builds the backend when switching to connected, with mTLS only when a path is given', () => {
    const values = { ...formFromConfig(training), mode: 'connected' as const, baseUrl: ' https://tokens.example.co.jp ', issuerId: 'ISSUER0001', clientId: 'desk-01', keyId: 'k1' };
    expect(patchFromForm(values, training).patch).toEqual({
      backend: { baseUrl: 'https://tokens.example.co.jp', issuerId: 'ISSUER0001', clientId: 'desk-01', keyId: 'k1' },
    });
    expect(patchFromForm({ ...values, certFile: 'cert.pem' }, training).patch.backend?.mtls).toEqual({ certFile: 'cert.pem', keyFile: '' });
  });

  it('sends null for the backend when switching back to training', () => {
    const connected = buildConfigView({ mode: 'connected', backend: buildBackend() });
    expect(patchFromForm({ ...formFromConfig(connected), mode: 'training' }, connected).patch).toEqual({ backend: null });
  });

  it('never sends a locked field, whatever the form holds', () => {
    const locked = buildConfigView({ lockedFields: ['idleLockMinutes', 'backend'] });
    const values = { ...formFromConfig(locked), idleLockMinutes: '3', mode: 'connected' as const, baseUrl: 'https://x.example' };
    expect(patchFromForm(values, locked)).toEqual({ patch: {}, invalid: [] });
  });

  it('holds back minutes that are not a number, rather than sending null (which means "use the default")', () => {
    expect(patchFromForm({ ...formFromConfig(training), idleLockMinutes: 'ten' }, training)).toEqual({ patch: {}, invalid: ['idleLockMinutes'] });
  });
});

describe('invalidFormFields', () => {
  it('maps the paths main names to form fields, exactly, inside or around them', () => {
    expect([...invalidFormFields(['backend.baseUrl'])]).toEqual(['baseUrl']);
    expect([...invalidFormFields(['backend.mtls.keyFile', 'idleLockMinutes'])].sort()).toEqual(['idleLockMinutes', 'keyFile']);
    expect([...invalidFormFields(['externalLinkAllowlist.2'])]).toEqual(['allowlist']);
    expect([...invalidFormFields(['backend.mtls'])].sort()).toEqual(['caFile', 'certFile', 'keyFile']);
    expect(invalidFormFields(['backend']).size).toBe(7);
    expect(invalidFormFields([]).size).toBe(0);
  });
});
