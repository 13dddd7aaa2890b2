// `tsc -b tsconfig.json` checks each runtime with the globals it really has: core and the training
// backend run under plain Node (no window, no document), the renderer in a page (no process, no
// Buffer), shared everywhere (neither). These tests compile probe files with each project's own
// options through the TypeScript API, so a tsconfig edit that hands a layer the wrong globals fails
// here, and check that every source file belongs to exactly one project.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const parseProject = (file: string): ts.ParsedCommandLine => {
  const configPath = path.join(ROOT, file);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    },
  });
  if (!parsed) throw new Error(`cannot read ${file}`);
  expect(parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
  return parsed;
};

/** The diagnostics of in-memory files (virtual path → code), compiled together with the project's options. */
const diagnosticsOf = (project: string, probes: Record<string, string>): Record<string, string[]> => {
  const { options } = parseProject(project);
  const files = new Map(Object.entries(probes).map(([virtualPath, code]) => [path.join(ROOT, virtualPath), code]));
  const compilerOptions: ts.CompilerOptions = { ...options, noEmit: true, composite: false, incremental: false, emitDeclarationOnly: false };
  const host = ts.createCompilerHost(compilerOptions);
  const readFile = host.readFile.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (name) => files.has(name) || ts.sys.fileExists(name);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const code = files.get(name);
    return code === undefined ? getSourceFile(name, languageVersion, onError, shouldCreate) : ts.createSourceFile(name, code, languageVersion, true);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: compilerOptions, host });
  return Object.fromEntries(
    [...files.keys()].map((fileName) => {
      const source = program.getSourceFile(fileName);
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
      return [path.relative(ROOT, fileName), diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))];
    }),
  );
};

const NODE_ONLY = `
import { readFileSync } from 'node:fs';
export const size = readFileSync('x').byteLength + Buffer.byteLength('x') + (process.env.HOME ?? '').length;
export const timer: NodeJS.Timeout = setTimeout(() => undefined, 1);
`;
const DOM_ONLY = `
export const title = document.title + window.location.href;
export const timer: number = window.setTimeout(() => undefined, 1);
`;
const LANGUAGE_ONLY = `
export const ids = [...new Set(['a', 'b'])].toSorted().join(',');
`;

const NO_DOM = [
  expect.stringContaining("Cannot find name 'document'"),
  expect.stringContaining("Cannot find name 'window'"),
  expect.stringContaining("Cannot find name 'window'"),
];

describe('one TypeScript project per runtime', () => {
  it('core, the dev bridge and the training backend have Node but no DOM: window and document do not typecheck', () => {
    expect(
      diagnosticsOf('tsconfig.core.json', {
        'electron/core/node-probe.ts': NODE_ONLY,
        'electron/core/dom-probe.ts': DOM_ONLY,
        'electron/dev-bridge/dom-probe.ts': DOM_ONLY,
        'sandbox/dom-probe.ts': DOM_ONLY,
      }),
    ).toEqual({
      'electron/core/node-probe.ts': [],
      'electron/core/dom-probe.ts': NO_DOM,
      'electron/dev-bridge/dom-probe.ts': NO_DOM,
      'sandbox/dom-probe.ts': NO_DOM,
    });
  });

  it('main and the preload have Node and Electron but no DOM', () => {
    const electronTypes = `import type { BrowserWindow } from 'electron';\nexport type W = BrowserWindow;\n`;
    expect(
      diagnosticsOf('tsconfig.electron.json', {
        'electron/main/node-probe.ts': NODE_ONLY + electronTypes,
        'electron/main/dom-probe.ts': DOM_ONLY,
        'electron/preload/dom-probe.ts': DOM_ONLY,
      }),
    ).toEqual({
      'electron/main/node-probe.ts': [],
      'electron/main/dom-probe.ts': NO_DOM,
      'electron/preload/dom-probe.ts': NO_DOM,
    });
  });

  it('the renderer has the DOM and Vite but no Node: process, Buffer and NodeJS.Timeout do not typecheck', () => {
    const found = diagnosticsOf('tsconfig.renderer.json', {
      'renderer/dom-probe.ts': `${DOM_ONLY}export const mode = import.meta.env.MODE;\n`,
      'renderer/node-probe.ts': NODE_ONLY,
    });
    expect(found['renderer/dom-probe.ts']).toEqual([]);
    expect(found['renderer/node-probe.ts']).toEqual([
      expect.stringContaining("Cannot find name 'node:fs'"),
      expect.stringContaining("Cannot find name 'Buffer'"),
      expect.stringContaining("Cannot find name 'process'"),
      expect.stringContaining("Cannot find namespace 'NodeJS'"),
    ]);
  });

  it('shared has the language only: neither Node nor the DOM', () => {
    const found = diagnosticsOf('tsconfig.shared.json', {
      'shared/language-probe.ts': LANGUAGE_ONLY,
      'shared/dom-probe.ts': DOM_ONLY,
      'shared/node-probe.ts': NODE_ONLY,
    });
    expect(found['shared/language-probe.ts']).toEqual([]);
    expect(found['shared/dom-probe.ts']).toEqual(NO_DOM);
    expect(found['shared/node-probe.ts']).toEqual(expect.arrayContaining([expect.stringContaining("Cannot find name 'process'")]));
  });

  it('every TypeScript source file belongs to exactly one project, and tsconfig.json builds them all', () => {
    const solution = parseProject('tsconfig.json');
    const projects = (solution.projectReferences ?? []).map((ref) => path.relative(ROOT, ref.path));
    expect(projects.toSorted()).toEqual([
      'tsconfig.core.json',
      'tsconfig.electron.json',
      'tsconfig.renderer.json',
      'tsconfig.shared.json',
      'tsconfig.tests.json',
      'tsconfig.tooling.json',
    ]);

    const owners = new Map<string, string[]>();
    for (const project of projects) {
      for (const file of parseProject(project).fileNames) {
        const key = path.relative(ROOT, file);
        owners.set(key, [...(owners.get(key) ?? []), project]);
      }
    }

    const skipped = new Set(['node_modules', 'dist', 'dist-electron', 'release', 'out', 'coverage', 'test-results', 'playwright-report', '.tmp', '.git']);
    const sources: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const relative = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!skipped.has(entry.name)) walk(relative);
        } else if (/\.tsx?$/.test(entry.name)) {
          sources.push(relative);
        }
      }
    };
    walk('');

    expect(sources.length).toBeGreaterThan(300);
    const misplaced = sources
      .map((file) => ({ file, projects: owners.get(file) ?? [] }))
      .filter(({ projects: found }) => found.length !== 1);
    expect(misplaced).toEqual([]);
  });
});
