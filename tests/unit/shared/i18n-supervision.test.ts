import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ja } from '../../../shared/i18n';
import { enSupervision } from '../../../shared/i18n/en-supervision';
import { jaSupervision } from '../../../shared/i18n/ja-supervision';

const leaves = (node: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> => {
  if (typeof node === 'string') return out.set(prefix, node);
  if (typeof node !== 'object' || node === null) throw new Error(`${prefix} is neither text nor a group`);
  for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  return out;
};

const jaLeaves = leaves(jaSupervision);
const enLeaves = leaves(enSupervision);
const mainLeaves = leaves(ja);
const markup = (text: string): string[] => [...text.matchAll(/\{\{\s*\w+\s*\}\}|<\/?\w+\s*\/?>/g)].map((m) => m[0]).sort();

const screens = fileURLToPath(new URL('../../../renderer/components/supervision', import.meta.url));

describe("the supervisors' messages (their own namespace, loaded with their screens)", () => {
  it('have the same keys and placeholders in Japanese and English, none blank', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort());
    for (const [key, text] of jaLeaves) {
      expect(text.trim(), key).not.toBe('');
      expect(markup(enLeaves.get(key) ?? ''), key).toEqual(markup(text));
    }
  });

  it("include every literal key the supervisors' screens use (theirs, or the console's own)", () => {
    const used = readdirSync(screens)
      .filter((name) => /\.tsx?$/.test(name))
      .flatMap((name) => [...readFileSync(join(screens, name), 'utf8').matchAll(/\bt(?:Main)?\(\s*(['"`])([^'"`$]+)\1/g)].map((m) => [name, m[2] ?? ''] as const));
    expect(used.length).toBeGreaterThan(20);
    for (const [file, key] of used) expect(jaLeaves.has(key) || mainLeaves.has(key), `${file} uses ${key}`).toBe(true);
  });
});
