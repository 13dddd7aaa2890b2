import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../sandbox/index';

/**
 * mTLS with certificates made by openssl for this run only: a CA, a server
 * certificate for 127.0.0.1, a client certificate from the CA, and one from a stranger's CA.
 */
const run = promisify(execFile);
let dir: string;
const pem: Record<string, string> = {};

const openssl = async (...args: string[]): Promise<void> => {
  await run('openssl', args, { cwd: dir });
};

const makeCa = async (name: string): Promise<void> => {
  await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  await openssl('req', '-x509', '-new', '-key', `${name}.key`, '-sha256', '-days', '2', '-subj', `/CN=${name} test CA`, '-out', `${name}.crt`);
};

const makeLeaf = async (name: string, ca: string, extensions: string): Promise<void> => {
  await openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', `${name}.key`);
  await openssl('req', '-new', '-key', `${name}.key`, '-subj', `/CN=${name}`, '-out', `${name}.csr`);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-sha256', '-extfile', `${name}.ext`, '-out', `${name}.crt`);
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-sandbox-mtls-'));
  await makeCa('issuer');
  await makeCa('stranger');
  await makeLeaf('server', 'issuer', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  await makeLeaf('client', 'issuer', 'extendedKeyUsage=clientAuth\n');
  await makeLeaf('intruder', 'stranger', 'extendedKeyUsage=clientAuth\n');
  for (const name of ['issuer.crt', 'server.crt', 'server.key', 'client.crt', 'client.key', 'intruder.crt', 'intruder.key']) {
    pem[name] = await readFile(join(dir, name), 'utf8');
  }
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** GET over HTTPS trusting the issuer CA, with or without a client certificate. */
const get = (url: string, client?: 'client' | 'intruder'): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ca: pem['issuer.crt'],
        ...(client ? { cert: pem[`${client}.crt`], key: pem[`${client}.key`] } : {}),
        agent: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });

describe('mTLS', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    expect((await run('openssl', ['version'])).stdout).toMatch(/OpenSSL/);
    sandbox = await startSandbox({
      tls: { cert: pem['server.crt'] ?? '', key: pem['server.key'] ?? '', ca: pem['issuer.crt'] ?? '', requireClientCert: true },
    });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  it('serves https on 127.0.0.1', () => {
    expect(sandbox.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts a client certificate signed by the issuer CA', async () => {
    const response = await get(`${sandbox.baseUrl}/openapi.json`, 'client');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ openapi: '3.1.0' });
  });

  it('refuses a client without a certificate at the TLS level', async () => {
    await expect(get(`${sandbox.baseUrl}/openapi.json`)).rejects.toMatchObject({ code: expect.stringMatching(/CERTIFICATE_REQUIRED|ECONNRESET/) });
  });

  it('refuses a client certificate from another CA at the TLS level', async () => {
    await expect(get(`${sandbox.baseUrl}/openapi.json`, 'intruder')).rejects.toMatchObject({ code: expect.stringMatching(/SSL|ECONNRESET/) });
  });
});

describe('TLS without client certificates', () => {
  it('serves https to a client without a certificate when none is required', async () => {
    const sandbox = await startSandbox({ tls: { cert: pem['server.crt'] ?? '', key: pem['server.key'] ?? '', requireClientCert: false } });
    try {
      expect((await get(`${sandbox.baseUrl}/openapi.json`)).status).toBe(200);
    } finally {
      await sandbox.close();
    }
  });

  it('refuses to start when client certificates are required without a CA', async () => {
    await expect(startSandbox({ tls: { cert: pem['server.crt'] ?? '', key: pem['server.key'] ?? '', requireClientCert: true } })).rejects.toThrow(/tls\.ca/);
  });
});
