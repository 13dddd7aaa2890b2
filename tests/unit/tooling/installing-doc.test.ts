// docs/installing.md's table of the machine-wide file cannot drift from the settings schema: every
// key the schema accepts is in the table and nothing else, with the right lockability and default;
// and every JSON example in it is a file the console accepts as it is.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_CONFIG, LOCKABLE_KEYS, MACHINE_ONLY_FIELDS, USER_FIELDS, fieldSchemas } from '../../../electron/core/config/config-schema';
import { readConfigFile } from '../../../electron/core/config/load-config';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const doc = await readFile(path.join(ROOT, 'docs/installing.md'), 'utf8');

/** Every key path the schema accepts: objects are opened, optional wrappers looked through. */
const keysOf = (prefix: string, schema: z.ZodType): string[] => {
  let inner: z.ZodType = schema;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  if (inner instanceof z.ZodObject) {
    return [prefix, ...Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([key, value]) => keysOf(`${prefix}.${key}`, value))];
  }
  return [prefix];
};
const schemaKeys = [...Object.entries(fieldSchemas).flatMap(([key, schema]) => keysOf(key, schema as z.ZodType)), 'locked'];

interface Row {
  readonly key: string;
  readonly type: string;
  readonly default: string;
  readonly lockable: string;
}
const rows: Row[] = doc
  .split('\n')
  .filter((line) => /^\| `[A-Za-z0-9.]+` \|/.test(line))
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, key = '', type = '', fallback = '', lockable = '']) => ({ key: key.replace(/`/g, ''), type, default: fallback, lockable }));

describe('docs/installing.md, the machine-wide file', () => {
  it('lists exactly the keys the schema accepts', () => {
    expect(rows.map((row) => row.key).sort()).toEqual([...schemaKeys].sort());
  });

  it('says which keys can be locked, as the schema does', () => {
    for (const row of rows) {
      const top = row.key.split('.')[0] ?? '';
      if (row.key.includes('.')) expect(row.lockable, row.key).toBe(`with \`${top}\``);
      else if ((USER_FIELDS as readonly string[]).includes(row.key)) expect(row.lockable, row.key).toBe('yes');
      else {
        expect(MACHINE_ONLY_FIELDS as readonly string[], row.key).toContain(row.key);
        expect(row.lockable, row.key).toBe('no (machine file only)');
      }
    }
  });

  it("names in `locked`'s row exactly the keys the schema lets an installer lock", () => {
    const description = doc.split('\n').find((line) => line.startsWith('| `locked` |')) ?? '';
    const named = [...(description.split('|')[5] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((match) => match[1]);
    expect([...new Set(named)].sort()).toEqual([...LOCKABLE_KEYS].sort());
  });

  it('gives each top-level key the default the console uses', () => {
    for (const row of rows.filter((r) => !r.key.includes('.') && r.key !== 'locked')) {
      const value = DEFAULT_CONFIG[row.key as keyof typeof DEFAULT_CONFIG];
      if (value === null) expect(row.default, row.key).toMatch(/^none/);
      else expect(row.default, row.key).toBe(`\`${JSON.stringify(value)}\``);
    }
    expect(rows.find((row) => row.key === 'locked')?.default).toBe('`[]`');
  });

  it('shows examples the console accepts as they are', async () => {
    const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    const inline = [...doc.matchAll(/`(\{ "[^`]+\})`/g)].map((match) => match[1] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const dir = await mkdtemp(path.join(tmpdir(), 'token-desk-doc-'));
    try {
      for (const [index, text] of [...examples, ...inline].entries()) {
        const file = path.join(dir, `example-${index}.json`);
        await writeFile(file, text);
        const read = await readConfigFile(file, 'machine');
        expect(read.problems, text).toEqual([]);
        expect(read.unusable, text).toBe(false);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
