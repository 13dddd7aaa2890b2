import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPki {
  readonly dir: string;
  readonly caCert: string;
  readonly serverKey: string;
  readonly serverCert: string;
  readonly clientKey: string;
  readonly clientCert: string;
  /** A second, unrelated CA's client certificate: right shape, wrong issuer. */
  readonly strangerKey: string;
  readonly strangerCert: string;
  read(file: string): Buffer;
}

export const opensslAvailable = (): boolean => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
};

/** A throwaway CA, a server certificate for localhost/127.0.0.1 and client certificates, made by openssl. */
export const makeTestPki = (): TestPki => {
  const dir = mkdtempSync(join(tmpdir(), 'td-pki-'));
  const at = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  const ecKey = (name: string): void => openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', at(name));
  const selfSignedCa = (name: string, cn: string): void => {
    ecKey(`${name}.key`);
    openssl('req', '-x509', '-new', '-key', at(`${name}.key`), '-out', at(`${name}.crt`), '-days', '2', '-subj', `/CN=${cn}`);
  };
  const issue = (name: string, cn: string, ca: string, extensions: string): void => {
    ecKey(`${name}.key`);
    openssl('req', '-new', '-key', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${cn}`);
    writeFileSync(at(`${name}.ext`), extensions);
    openssl('x509', '-req', '-in', at(`${name}.csr`), '-CA', at(`${ca}.crt`), '-CAkey', at(`${ca}.key`), '-CAcreateserial', '-out', at(`${name}.crt`), '-days', '2', '-extfile', at(`${name}.ext`));
  };
  selfSignedCa('ca', 'Token Desk Test CA');
  selfSignedCa('stranger-ca', 'Someone Else CA');
  issue('server', 'localhost', 'ca', 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue('client', 'WS-TOKYO-017', 'ca', 'extendedKeyUsage=clientAuth\n');
  issue('stranger', 'WS-STRANGER', 'stranger-ca', 'extendedKeyUsage=clientAuth\n');
  return {
    dir,
    caCert: at('ca.crt'),
    serverKey: at('server.key'),
    serverCert: at('server.crt'),
    clientKey: at('client.key'),
    clientCert: at('client.crt'),
    strangerKey: at('stranger.key'),
    strangerCert: at('stranger.crt'),
    read: (file) => readFileSync(file),
  };
};
