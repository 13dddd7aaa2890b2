import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { callNames, eventNames, messageKeyFor } from '../../../shared/contract';
import { en, isMessageKey, ja, resources } from '../../../shared/i18n';

type Leaves = Map<string, string>;

const leaves = (node: unknown, prefix = '', out: Leaves = new Map()): Leaves => {
  if (typeof node === 'string') {
    out.set(prefix, node);
    return out;
  }
  if (typeof node !== 'object' || node === null) throw new Error(`${prefix} is neither text nor a group`);
  for (const [key, value] of Object.entries(node)) leaves(value, prefix ? `${prefix}.${key}` : key, out);
  return out;
};

const jaLeaves = leaves(ja);
const enLeaves = leaves(en);
const catalogues = { ja: jaLeaves, en: enLeaves };

/** The placeholders and tags of a message: what must survive translation. */
const markup = (text: string): string[] => [...text.matchAll(/\{\{\s*\w+\s*\}\}|<\/?\w+\s*\/?>/g)].map((m) => m[0]).sort();

const rendererRoot = fileURLToPath(new URL('../../../renderer', import.meta.url));

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

const namespaces = new Set(Object.keys(ja));
const notMessageKeys = new Set<string>([...callNames, ...eventNames]);

/**
 * Keys the renderer uses: `t('…')`, `i18nKey="…"`, and any other string literal shaped like a key
 * in one of the catalogue's namespaces (key maps such as label-keys.ts), minus call and event names.
 */
const usedKeys = (): Map<string, string> => {
  const found = new Map<string, string>();
  const note = (key: string, file: string): void => {
    if (!found.has(key)) found.set(key, relative(rendererRoot, file));
  };
  // The supervisors' screens read their own namespace, checked in i18n-supervision.test.ts.
  for (const file of sourceFiles(rendererRoot).filter((path) => !path.startsWith(join(rendererRoot, 'components', 'supervision')))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`]+)\1/g)) note(m[2] ?? '', file);
    for (const m of text.matchAll(/i18nKey=\{?\s*(['"])([^'"]+)\1/g)) note(m[2] ?? '', file);
    for (const m of text.matchAll(/(['"])([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)\1/g)) {
      const key = m[2] ?? '';
      if (namespaces.has(key.split('.')[0] ?? '') && !notMessageKeys.has(key)) note(key, file);
    }
  }
  return found;
};

describe('message catalogues', () => {
  it('have the same keys in Japanese and English', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...jaLeaves.keys()].sort());
  });

  it('have no empty or blank messages', () => {
    for (const [language, catalogue] of Object.entries(catalogues)) {
      for (const [key, text] of catalogue) expect(text.trim(), `${language}: ${key}`).not.toBe('');
    }
  });

  it('keep the same placeholders and tags in every language', () => {
    for (const [key, text] of jaLeaves) expect(markup(enLeaves.get(key) ?? ''), key).toEqual(markup(text));
  });

  it('are what i18next is given', () => {
    expect(resources.ja.translation).toBe(ja);
    expect(resources.en.translation).toBe(en);
  });
});

describe('keys the code relies on', () => {
  it('include every errors.* messageKey of the contract', () => {
    for (const key of Object.values(messageKeyFor)) {
      expect(jaLeaves.has(key), `ja lacks ${key}`).toBe(true);
      expect(enLeaves.has(key), `en lacks ${key}`).toBe(true);
      expect(isMessageKey(key)).toBe(true);
    }
  });

  it('include every key used in the renderer', () => {
    const used = usedKeys();
    // Guards the scan itself: if the patterns stop matching, this test must not pass vacuously.
    expect(used.size).toBeGreaterThan(15);
    for (const [key, file] of used) {
      expect(jaLeaves.has(key), `${file} uses ${key}, missing in ja`).toBe(true);
      expect(enLeaves.has(key), `${file} uses ${key}, missing in en`).toBe(true);
    }
  });

  it('recognises message keys and nothing else', () => {
    expect(isMessageKey('errors.transport')).toBe(true);
    expect(isMessageKey('errors')).toBe(false);
    expect(isMessageKey('errors.toString')).toBe(false);
    expect(isMessageKey('__proto__.x')).toBe(false);
  });
});
