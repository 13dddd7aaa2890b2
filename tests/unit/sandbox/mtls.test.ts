import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { randomUUID } from 'node:crypto';
import { SignJWT, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_BEARER_GRANT, TokenResponse } from '../../../shared/api/endpoints';
import { ApiErrorBody } from '../../../shared/api/errors';
import { startSandbox, startSandboxWithCredentials, type ClientCredentials, type Sandbox } from '../../../sandbox/index';

/**
 * mTLS with certificates made by openssl for this run only: a CA, a server
 * certificate for 127.0.0.1, a client certificate from the CA, the platform's own from the same CA,
 * and one from a stranger's CA.
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
  await makeLeaf('platform', 'issuer', 'extendedKeyUsage=clientAuth\n');
  await makeLeaf('intruder', 'stranger', 'extendedKeyUsage=clientAuth\n');
  for (const name of ['issuer.crt', 'server.crt', 'server.key', 'client.crt', 'client.key', 'platform.crt', 'platform.key', 'intruder.crt', 'intruder.key']) {
    pem[name] = await readFile(join(dir, name), 'utf8');
  }
}, 30_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Presenting = 'client' | 'platform' | 'intruder';

/** A request over HTTPS trusting the issuer CA, with or without a client certificate. */
const send = (
  url: string,
  client: Presenting | undefined,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> =>
  new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
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
    req.end(options.body);
  });

const get = (url: string, client?: Presenting): Promise<{ status: number; body: string }> => send(url, client);

/** A bearer token for one client, fetched over the given certificate. */
const tokenOf = async (baseUrl: string, client: ClientCredentials, over: Presenting): Promise<string> => {
  const tokenUrl = `${baseUrl}/oauth2/token`;
  const assertion = await new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: client.keyId })
    .setIssuer(client.clientId)
    .setSubject(client.clientId)
    .setAudience(tokenUrl)
    .setIssuedAt()
    .setExpirationTime('2m')
    .setJti(randomUUID())
    .sign(await importPKCS8(client.privateKeyPem, 'ES256'));
  const answer = await send(tokenUrl, over, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }).toString(),
  });
  expect(answer.status, answer.body).toBe(200);
  return TokenResponse.parse(JSON.parse(answer.body)).access_token;
};

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

describe("mTLS: the platform's own certificate", () => {
  const clock = (baseUrl: string, token: string, over: Presenting) => send(`${baseUrl}/training/v1/clock`, over, { headers: { authorization: `Bearer ${token}` } });
  const errorIn = (answer: { body: string }) => ApiErrorBody.parse(JSON.parse(answer.body)).error;

  it("takes the platform's calls only over the platform's certificate, and no workstation call over it", async () => {
    const tls = { cert: pem['server.crt'] ?? '', key: pem['server.key'] ?? '', ca: pem['issuer.crt'] ?? '', requireClientCert: true, platformCert: pem['platform.crt'] ?? '' };
    const { sandbox, client, platform, credentials } = await startSandboxWithCredentials({ tls });
    try {
      const platformToken = await tokenOf(sandbox.baseUrl, platform, 'platform');
      expect((await clock(sandbox.baseUrl, platformToken, 'platform')).status).toBe(200);
      // The platform's key over a workstation's certificate: not the platform.
      const overWorkstation = await clock(sandbox.baseUrl, platformToken, 'client');
      expect(overWorkstation.status).toBe(403);
      expect(errorIn(overWorkstation)).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });

      // A workstation's sign-in over the platform's certificate: refused before the password is checked.
      const workstationToken = await tokenOf(sandbox.baseUrl, client, 'client');
      const agent = credentials.agents[0];
      const signIn = (over: Presenting) =>
        send(`${sandbox.baseUrl}/api/v1/agent-sessions`, over, {
          method: 'POST',
          headers: { authorization: `Bearer ${workstationToken}`, 'x-issuer-id': sandbox.issuerId, 'x-correlation-id': 'mtls-1', 'content-type': 'application/json' },
          body: JSON.stringify({ agentId: agent?.agentId, password: agent?.password }),
        });
      const overPlatform = await signIn('platform');
      expect(overPlatform.status).toBe(403);
      expect(errorIn(overPlatform)).toMatchObject({ code: 'FORBIDDEN_CLIENT' });
      expect((await signIn('client')).status).toBe(201);
    } finally {
      await sandbox.close();
    }
  });

  it("refuses the platform's calls when no platform certificate is configured", async () => {
    const tls = { cert: pem['server.crt'] ?? '', key: pem['server.key'] ?? '', ca: pem['issuer.crt'] ?? '', requireClientCert: true };
    const { sandbox, platform } = await startSandboxWithCredentials({ tls });
    try {
      const answer = await clock(sandbox.baseUrl, await tokenOf(sandbox.baseUrl, platform, 'platform'), 'platform');
      expect(answer.status).toBe(403);
      expect(errorIn(answer)).toMatchObject({ code: 'FORBIDDEN_CLIENT', category: 'F' });
      expect(errorIn(answer).message).toMatch(/none configured/);
    } finally {
      await sandbox.close();
    }
  });
});
