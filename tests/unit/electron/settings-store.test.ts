import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_FILE, openSettingsStore } from '../../../electron/core/settings/settings-store';
import { memoryLogger } from './helpers/memory-logger';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'token-desk-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const file = () => join(dir, SETTINGS_FILE);

describe('the settings store', () => {
  it('starts on defaults when there is no file, and reports no problem', async () => {
    const store = await openSettingsStore(dir, memoryLogger().logger);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toBeNull();
  });

  it('reads a valid file', async () => {
    await writeFile(file(), JSON.stringify({ language: 'en' }));
    const store = await openSettingsStore(dir, memoryLogger().logger);
    expect(store.get()).toEqual({ language: 'en' });
  });

  it('starts on defaults from broken JSON, names the file, and leaves it untouched', async () => {
    const broken = '{ "language": "en", ';
    await writeFile(file(), broken);
    const memory = memoryLogger();
    const store = await openSettingsStore(dir, memory.logger);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem).toMatchObject({ file: file(), fields: [] });
    expect(store.problem?.problem).toMatch(/not valid JSON/);
    expect(await readFile(file(), 'utf8')).toBe(broken);
    expect(memory.text()).toContain('settings file is invalid');
  });

  it.each([
    ['a wrong value', { language: 'fr' }, ['language']],
    ['a wrong type', { language: 1 }, ['language']],
    ['an unknown field', { language: 'en', theme: 'dark' }, ['(root)']],
    ['an array', ['en'], ['(root)']],
  ])('starts on defaults from %s, names the field, and leaves the file untouched', async (_label, content, fields) => {
    const text = JSON.stringify(content);
    await writeFile(file(), text);
    const store = await openSettingsStore(dir, memoryLogger().logger);
    expect(store.get()).toEqual(DEFAULT_SETTINGS);
    expect(store.problem?.file).toBe(file());
    expect(store.problem?.fields).toEqual(fields);
    expect(await readFile(file(), 'utf8')).toBe(text);
  });

  it('writes atomically: the new content, no temporary file left, readable by the owner only', async () => {
    const store = await openSettingsStore(dir, memoryLogger().logger);
    await expect(store.set({ language: 'en' })).resolves.toEqual({ language: 'en' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ language: 'en' });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    if (process.platform !== 'win32') expect((await stat(file())).mode & 0o077).toBe(0);
    expect(store.get()).toEqual({ language: 'en' });
    // A fresh store sees what was saved.
    expect((await openSettingsStore(dir, memoryLogger().logger)).get()).toEqual({ language: 'en' });
  });

  it('refuses to save settings that break the schema, and keeps the file as it was', async () => {
    await writeFile(file(), JSON.stringify({ language: 'en' }));
    const store = await openSettingsStore(dir, memoryLogger().logger);
    await expect(store.set({ language: 'xx' } as never)).rejects.toThrow();
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ language: 'en' });
    expect(store.get()).toEqual({ language: 'en' });
  });

  it('replaces a broken file only when the agent saves', async () => {
    await writeFile(file(), 'not json');
    const store = await openSettingsStore(dir, memoryLogger().logger);
    expect(await readFile(file(), 'utf8')).toBe('not json');
    await store.set({ language: 'ja' });
    expect(JSON.parse(await readFile(file(), 'utf8'))).toEqual({ language: 'ja' });
  });
});
