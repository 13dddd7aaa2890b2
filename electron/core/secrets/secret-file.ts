import { chmod, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import { oneAtATime } from '../async/one-at-a-time';

/** Secret names are fixed identifiers chosen by code (never user text), so they are kept simple. */
const SecretName = z.string().regex(/^[a-z][a-z0-9._-]{0,63}$/, '1–64 of a–z 0–9 . _ -, starting with a letter');

export const SecretRecord = z.strictObject({
  /** The storage backend that wrote this value (gnome_libsecret, dpapi, file…): needed to read it back. */
  backend: z.string().min(1).max(40),
  encrypted: z.boolean(),
  /**
   * How the value is protected at rest, said plainly for whoever reads the file or the status:
   * `plain-text` for a value anyone who can read the file can use (an administrator's explicit
   * choice on a Linux seat without a key store, or the test bridge's file). Absent in older files.
   */
  protection: z.enum(['os-encrypted', 'plain-text']).optional(),
  /** Plain text, or base64 of the encryptor's output when `encrypted`. */
  value: z.string().max(64 * 1024),
  writtenAt: z.iso.datetime({ offset: true }),
});
export type SecretRecord = z.infer<typeof SecretRecord>;

const SecretFileContent = z.strictObject({
  version: z.literal(1),
  secrets: z.record(SecretName, SecretRecord),
});

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
}

export const checkSecretName = (name: string): string => {
  const parsed = SecretName.safeParse(name);
  if (!parsed.success) throw new SecretStoreError(`invalid secret name ${JSON.stringify(name)}: ${parsed.error.issues[0]?.message ?? 'bad format'}`);
  return parsed.data;
};

/**
 * The JSON file behind the persisted secret stores: mode 0600 in a 0700 folder, written atomically,
 * one read-modify-write at a time so concurrent `set` calls never drop each other's secret.
 * A file that cannot be understood is reported and never overwritten: it may hold the only copy
 * of a workstation key.
 */
export class SecretFile {
  private readonly serialised = oneAtATime();

  constructor(readonly file: string) {}

  async read(): Promise<Record<string, SecretRecord>> {
    return this.serialised(() => this.load());
  }

  /** `change` returns false when it changed nothing, so no file is created for a no-op. */
  async update(change: (secrets: Record<string, SecretRecord>) => boolean | void): Promise<void> {
    await this.serialised(async () => {
      const secrets = await this.load();
      if (change(secrets) === false) return;
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify({ version: 1, secrets }, null, 2)}\n`);
      // The temporary file is created 0600; chmod again in case the file pre-existed with looser rights.
      await chmod(this.file, 0o600);
    });
  }

  private async load(): Promise<Record<string, SecretRecord>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new SecretStoreError(`secret file ${this.file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new SecretStoreError(`secret file ${this.file} is not valid JSON; it was left untouched`);
    }
    const parsed = SecretFileContent.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
      throw new SecretStoreError(`secret file ${this.file} has an unexpected shape (${where}); it was left untouched`);
    }
    return { ...parsed.data.secrets };
  }
}
