import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { MtlsFiles } from './config-schema';

/** The client certificate, its key and the server CA, read into memory for `https.Agent`. */
export interface TlsMaterial {
  readonly cert: Buffer;
  readonly key: Buffer;
  readonly ca?: Buffer;
}

export class TlsFileError extends Error {
  override readonly name = 'TlsFileError';
  constructor(
    readonly role: 'certFile' | 'keyFile' | 'caFile',
    readonly file: string,
    problem: string,
  ) {
    super(`mTLS ${role} ${file}: ${problem}`);
  }
}

const readPart = async (role: TlsFileError['role'], file: string): Promise<Buffer> => {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new TlsFileError(role, file, code === 'ENOENT' ? 'file not found' : `cannot be read (${code})`);
  }
};

/**
 * Reads and checks the mTLS files when the connection is set up, so a wrong path or a swapped
 * cert/key is reported with the file's name instead of as an opaque TLS failure on the first call.
 * Messages never include file content: the key file holds a private key.
 */
export const readTlsMaterial = async (files: MtlsFiles): Promise<TlsMaterial> => {
  const cert = await readPart('certFile', files.certFile);
  const key = await readPart('keyFile', files.keyFile);
  const ca = files.caFile ? await readPart('caFile', files.caFile) : undefined;

  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch {
    throw new TlsFileError('certFile', files.certFile, 'is not a PEM or DER certificate');
  }
  try {
    const privateKey = createPrivateKey(key);
    if (!certificate.checkPrivateKey(privateKey)) throw new TlsFileError('keyFile', files.keyFile, `does not match the certificate in ${files.certFile}`);
  } catch (error) {
    if (error instanceof TlsFileError) throw error;
    throw new TlsFileError('keyFile', files.keyFile, 'is not an unencrypted PEM or DER private key');
  }
  if (ca && files.caFile) {
    try {
      new X509Certificate(ca);
    } catch {
      throw new TlsFileError('caFile', files.caFile, 'is not a PEM or DER certificate');
    }
  }
  return { cert, key, ...(ca ? { ca } : {}) };
};
