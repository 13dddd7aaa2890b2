import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { redactText } from '../shared/domain/redaction';
import { startSandboxWithCredentials, writeCredentialsFile, type SandboxLogger, type SandboxTlsOptions } from './index';

/**
 * Starts the training backend:
 *   npm run sandbox -- [--port N] [--host 127.0.0.1] [--credentials-out FILE] [--data FILE]
 *                      [--tls-cert FILE --tls-key FILE [--tls-ca FILE] [--require-client-cert]
 *                       [--tls-platform-cert FILE]] [--audit-seed N]
 * Prints exactly `listening on <baseUrl>` once the credentials file (if asked for) is written.
 * A fresh workstation key and platform key are generated on every start; the file always holds
 * the current ones. With mTLS, the platform's callbacks and the training controls must come over
 * the client certificate `--tls-platform-cert` names, and no other call may.
 */
const usage = (message: string): never => {
  console.error(message);
  process.exit(2);
};

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'credentials-out': { type: 'string' },
    data: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-ca': { type: 'string' },
    'require-client-cert': { type: 'boolean', default: false },
    'tls-platform-cert': { type: 'string' },
    'issuer-id': { type: 'string' },
    seed: { type: 'string' },
    'audit-seed': { type: 'string' },
  },
  strict: true,
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) usage(`--port must be a number from 0 to 65535, not "${values.port}"`);
if (values.host !== '127.0.0.1') usage('--host: the training backend listens on 127.0.0.1 only');
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) usage(`--seed must be an integer, not "${values.seed}"`);
const auditSeed = values['audit-seed'] === undefined ? undefined : Number(values['audit-seed']);
if (auditSeed !== undefined && (!Number.isInteger(auditSeed) || auditSeed < 0 || auditSeed > 1_000_000)) usage(`--audit-seed must be a whole number up to 1,000,000, not "${values['audit-seed']}"`);

let tls: SandboxTlsOptions | undefined;
if (values['tls-cert'] || values['tls-key']) {
  if (!values['tls-cert'] || !values['tls-key']) usage('--tls-cert and --tls-key go together');
  if (values['require-client-cert'] && !values['tls-ca']) usage('--require-client-cert needs --tls-ca');
  if (values['tls-platform-cert'] && !values['require-client-cert']) usage('--tls-platform-cert goes with --require-client-cert');
  const read = (file: string | undefined): Promise<string> => readFile(resolve(file ?? ''), 'utf8');
  tls = {
    cert: await read(values['tls-cert']),
    key: await read(values['tls-key']),
    ...(values['tls-ca'] ? { ca: await read(values['tls-ca']) } : {}),
    requireClientCert: values['require-client-cert'],
    ...(values['tls-platform-cert'] ? { platformCert: await read(values['tls-platform-cert']) } : {}),
  };
} else if (values['require-client-cert'] || values['tls-platform-cert']) {
  usage('--require-client-cert and --tls-platform-cert need --tls-cert, --tls-key and --tls-ca');
}

const logger: SandboxLogger = {
  warn: (message, detail) => console.error(redactText(`warn: ${message} ${detail ? JSON.stringify(detail) : ''}`)),
  error: (message, detail) => console.error(redactText(`error: ${message} ${detail ? JSON.stringify(detail) : ''}`)),
};

try {
  const { sandbox, credentials } = await startSandboxWithCredentials({
    port,
    ...(tls ? { tls } : {}),
    ...(values.data ? { dataFile: resolve(values.data) } : {}),
    ...(values['issuer-id'] ? { issuerId: values['issuer-id'] } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(auditSeed !== undefined ? { auditSeed } : {}),
    logger,
  });
  if (values['credentials-out']) await writeCredentialsFile(resolve(values['credentials-out']), credentials);
  console.log(`listening on ${sandbox.baseUrl}`);

  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  console.error(`The training backend did not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
