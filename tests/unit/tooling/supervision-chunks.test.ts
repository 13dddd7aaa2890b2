import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';
import { firstScreenChunks } from '../../support/first-screen-chunks';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** The supervisors' code: their screens, their store commands, their messages and the floor's chart library. */
const isSupervisionModule = (id: string): boolean =>
  id.startsWith(`${root}renderer/components/supervision/`) || id === `${root}renderer/store/supervision/commands.ts` || /\/shared\/i18n\/(ja|en)-supervision\.ts$/.test(id) || id.includes('/node_modules/uplot/');

/**
 * The agent's first screen must not carry the supervisors' screens: they are loaded with
 * React.lazy / import() when a supervisor opens them. Built as it ships, then the chunks the first
 * screen loads (the entry and every chunk it imports statically) are read module by module.
 */
describe('the renderer bundle', () => {
  it('keeps the supervisors’ screens, commands and messages out of what the first screen loads', { timeout: 180_000 }, async () => {
    const result = await build({ root: `${root}renderer`, configFile: `${root}vite.config.ts`, logLevel: 'silent', build: { write: false } });
    const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? (r as Rollup.RollupOutput).output : []));
    const { chunks, initial } = firstScreenChunks(outputs);
    expect(initial.size).toBeGreaterThan(0);

    const firstScreen = [...initial].flatMap((fileName) => Object.keys(chunks.get(fileName)?.modules ?? {}));
    expect(firstScreen.filter(isSupervisionModule)).toEqual([]);
    // The navigation's small part is there (the header's switch, the store's names), so the test reads the right chunks.
    expect(firstScreen).toContain(`${root}renderer/store/supervision/lazy-commands.ts`);

    // And the supervisors' code is built, in chunks loaded on demand.
    const lazyModules = [...chunks.values()].filter((chunk) => !initial.has(chunk.fileName)).flatMap((chunk) => Object.keys(chunk.modules));
    expect(lazyModules).toContain(`${root}renderer/components/supervision/SupervisionArea.tsx`);
    expect(lazyModules).toContain(`${root}renderer/store/supervision/commands.ts`);
    expect(lazyModules).toContain(`${root}shared/i18n/ja-supervision.ts`);
    expect(lazyModules.some((id) => id.includes('/node_modules/uplot/'))).toBe(true);
  });
});
