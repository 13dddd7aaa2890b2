// The layer boundaries of DEVELOPERS.md are enforced by eslint.config.js. These tests lint snippets at
// virtual paths in each layer through the ESLint Node API, so a config edit that silently drops a rule
// (flat config replaces a rule's options wholesale per matching block) fails here.
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const RESTRICTED = '@typescript-eslint/no-restricted-imports';
const SYNTAX = 'no-restricted-syntax';
const SIDE_EFFECTS = '@typescript-eslint/no-import-type-side-effects';
const LAYERS = 'token-desk/layer-imports';
const BOUNDARY_RULES = new Set([RESTRICTED, SYNTAX, SIDE_EFFECTS, LAYERS]);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, `parse error in the snippet for ${filePath}`).toEqual([]);
  return result.messages.map((m) => m.ruleId ?? '(none)');
}

interface Case {
  what: string;
  file: string;
  code: string;
  rule: string;
}

const violations: Case[] = [
  {
    what: 'value import of electron in electron/core',
    file: 'electron/core/window-state.ts',
    code: "import { app } from 'electron';\nexport const name = app.name;\n",
    rule: RESTRICTED,
  },
  {
    what: 're-export of an electron value from electron/core',
    file: 'electron/core/reexport.ts',
    code: "export { safeStorage } from 'electron';\n",
    rule: RESTRICTED,
  },
  {
    what: "electron's subpath entry (electron/main) in electron/core",
    file: 'electron/core/sub.ts',
    code: "import { ipcMain } from 'electron/main';\nexport const m = ipcMain;\n",
    rule: RESTRICTED,
  },
  {
    what: "inline `import { type X } from 'electron'` in the renderer (leaves import 'electron' behind)",
    file: 'renderer/features/tokens/TokenList.tsx',
    code: "import { type IpcRendererEvent } from 'electron';\nexport type E = IpcRendererEvent;\n",
    rule: SIDE_EFFECTS,
  },
  {
    what: "dynamic import('electron') in the renderer",
    file: 'renderer/app/boot.ts',
    code: "export const electron = await import('electron');\n",
    rule: SYNTAX,
  },
  {
    what: "dynamic import('electron') in electron/core",
    file: 'electron/core/lazy.ts',
    code: "export async function load() {\n  return import('electron');\n}\n",
    rule: SYNTAX,
  },
  {
    what: "require('electron') in electron/core",
    file: 'electron/core/legacy.cjs',
    code: "const { app } = require('electron');\nmodule.exports = app;\n",
    rule: SYNTAX,
  },
  {
    what: "require('electron') in electron/dev-bridge",
    file: 'electron/dev-bridge/server.ts',
    code: "// eslint-disable-next-line @typescript-eslint/no-require-imports\nconst electron = require('electron');\nexport default electron;\n",
    rule: SYNTAX,
  },
  {
    what: 'value import of electron in shared',
    file: 'shared/contract/ipc.ts',
    code: "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;\n",
    rule: RESTRICTED,
  },
  {
    what: 'value import of electron in sandbox',
    file: 'sandbox/server.ts',
    code: "import { net } from 'electron';\nexport const n = net;\n",
    rule: RESTRICTED,
  },
  {
    what: 'value import of electron in a test (runs the Electron installer under Node)',
    file: 'tests/unit/main/window.test.ts',
    code: "import { BrowserWindow } from 'electron';\nexport const w = BrowserWindow;\n",
    rule: RESTRICTED,
  },
  {
    what: 'value import of electron in a script',
    file: 'scripts/start.mjs',
    code: "import { app } from 'electron';\nexport const a = app;\n",
    rule: RESTRICTED,
  },
  {
    what: 'node:fs in the renderer',
    file: 'renderer/features/export/save.ts',
    code: "import { writeFile } from 'node:fs/promises';\nexport const w = writeFile;\n",
    rule: RESTRICTED,
  },
  {
    what: 'bare Node built-in (crypto) in the renderer',
    file: 'renderer/lib/ids.ts',
    code: "import { randomUUID } from 'crypto';\nexport const id = randomUUID;\n",
    rule: RESTRICTED,
  },
  {
    what: "dynamic import('node:path') in the renderer",
    file: 'renderer/lib/lazy.ts',
    code: "export const p = await import('node:path');\n",
    rule: SYNTAX,
  },
  {
    what: 'axios in the renderer',
    file: 'renderer/api/http.ts',
    code: "import axios from 'axios';\nexport const client = axios.create();\n",
    rule: RESTRICTED,
  },
  {
    what: 'renderer reaching into electron/core by a relative path',
    file: 'renderer/features/tokens/x.ts',
    code: "import { dispatch } from '../../../electron/core/x';\nexport const d = dispatch;\n",
    rule: LAYERS,
  },
  {
    what: 'renderer reaching electron/core two levels up (../../electron/core/x)',
    file: 'renderer/app/x.ts',
    code: "import { dispatch } from '../../electron/core/x';\nexport const d = dispatch;\n",
    rule: LAYERS,
  },
  {
    what: 'renderer importing the sandbox',
    file: 'renderer/app/fixtures.ts',
    code: "export * from '../../sandbox/data';\n",
    rule: LAYERS,
  },
  {
    what: 'sandbox import from electron/core',
    file: 'electron/core/backend/client.ts',
    code: "import { startSandbox } from '../../../sandbox/server';\nexport const s = startSandbox;\n",
    rule: LAYERS,
  },
  {
    what: 'a deep sandbox file from electron/main (only the entry sandbox/index.ts is allowed)',
    file: 'electron/main/adapters/training-backend.ts',
    code: "import { startSandbox } from '../../../sandbox/server';\nexport const s = startSandbox;\n",
    rule: LAYERS,
  },
  {
    what: 'a type-only import of sandbox internals from electron/main',
    file: 'electron/main/index.ts',
    code: "import type { SandboxStore } from '../../sandbox/store/store';\nexport type S = SandboxStore;\n",
    rule: LAYERS,
  },
  {
    what: 'a deep sandbox file from electron/dev-bridge',
    file: 'electron/dev-bridge/cli.ts',
    code: "import { knownFixtures } from '../../sandbox/seed/fixtures';\nexport const f = knownFixtures;\n",
    rule: LAYERS,
  },
  {
    what: 'the sandbox entry from electron/core (core never starts it; main passes a port)',
    file: 'electron/core/app-core.ts',
    code: "import { startSandboxWithCredentials } from '../../sandbox/index';\nexport const s = startSandboxWithCredentials;\n",
    rule: LAYERS,
  },
  {
    what: 'the sandbox folder itself (its index) from electron/core',
    file: 'electron/core/session/x.ts',
    code: "export * from '../../../sandbox';\n",
    rule: LAYERS,
  },
  {
    what: 'electron/core importing electron/main',
    file: 'electron/core/app.ts',
    code: "import { createWindow } from '../main/window';\nexport const c = createWindow;\n",
    rule: LAYERS,
  },
  {
    what: 'electron/core importing the renderer',
    file: 'electron/core/x.ts',
    code: "import type { Props } from '../../renderer/app/App';\nexport type P = Props;\n",
    rule: LAYERS,
  },
  {
    what: 'shared importing electron/core',
    file: 'shared/domain/x.ts',
    code: "import { log } from '../../electron/core/logging/logger';\nexport const l = log;\n",
    rule: LAYERS,
  },
  {
    what: 'shared importing a Node built-in',
    file: 'shared/domain/hash.ts',
    code: "import { createHash } from 'node:crypto';\nexport const h = createHash;\n",
    rule: RESTRICTED,
  },
  {
    what: 'preload importing electron/core',
    file: 'electron/preload/index.ts',
    code: "import { dispatch } from '../core/ipc/dispatch';\nexport const d = dispatch;\n",
    rule: LAYERS,
  },
  {
    what: 'preload importing node:fs (a sandboxed preload cannot)',
    file: 'electron/preload/index.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
    rule: RESTRICTED,
  },
  {
    what: 'a root config file importing the sandbox',
    file: 'playwright.config.ts',
    code: "import { startSandbox } from './sandbox/server';\nexport const s = startSandbox;\n",
    rule: LAYERS,
  },
];

const allowed: Omit<Case, 'rule'>[] = [
  {
    what: "`import type` from electron in electron/core",
    file: 'electron/core/secret-store.ts',
    code: "import type { SafeStorage } from 'electron';\nexport type S = Pick<SafeStorage, 'encryptString'>;\n",
  },
  {
    what: "`import type` from electron in the renderer",
    file: 'renderer/api/bridge.ts',
    code: "import type { IpcRendererEvent } from 'electron';\nexport type E = IpcRendererEvent;\n",
  },
  {
    what: 'electron value import in electron/main',
    file: 'electron/main/index.ts',
    code: "import { app, BrowserWindow } from 'electron';\nexport const x = [app, BrowserWindow];\n",
  },
  {
    what: 'electron value import and shared in electron/preload',
    file: 'electron/preload/index.ts',
    code: "import { contextBridge, ipcRenderer } from 'electron';\nimport { channels } from '../../shared/contract';\nexport const x = [contextBridge, ipcRenderer, channels];\n",
  },
  {
    what: 'electron/main importing core and shared',
    file: 'electron/main/ipc.ts',
    code: "import { createAppCore } from '../core/app-core';\nimport { channels } from '../../shared/contract';\nexport const x = [createAppCore, channels];\n",
  },
  {
    what: 'renderer importing shared, itself and npm packages',
    file: 'renderer/features/tokens/TokenList.tsx',
    code: "import { create } from 'zustand';\nimport { useState } from 'react';\nimport { callNames } from '../../../shared/contract';\nimport { Row } from './Row';\nexport const x = [create, useState, callNames, Row];\n",
  },
  {
    what: "a renderer folder that happens to be named 'electron' (no glob false positive)",
    file: 'renderer/transports/index.ts',
    code: "import { bridgeTransport } from './electron/bridge';\nexport const t = bridgeTransport;\n",
  },
  {
    what: 'electron/core using Node and shared',
    file: 'electron/core/fs/x.ts',
    code: "import { readFile } from 'node:fs/promises';\nimport { Settings } from '../../../shared/contract';\nexport const x = [readFile, Settings];\n",
  },
  {
    what: 'shared importing zod and itself',
    file: 'shared/domain/card.ts',
    code: "import { z } from 'zod';\nimport { redactValue } from './redaction';\nexport const x = [z, redactValue];\n",
  },
  {
    what: 'electron/dev-bridge importing core, shared and the sandbox entry',
    file: 'electron/dev-bridge/cli.ts',
    code: "import { createAppCore } from '../core/app-core';\nimport { startSandbox } from '../../sandbox/index';\nexport const x = [createAppCore, startSandbox];\n",
  },
  {
    what: 'electron/main importing the sandbox entry (training mode), with or without the extension',
    file: 'electron/main/adapters/training-backend.ts',
    code: "import { startSandboxWithCredentials } from '../../../sandbox/index';\nimport type { Sandbox } from '../../../sandbox/index.ts';\nexport const s = startSandboxWithCredentials;\nexport type S = Sandbox;\n",
  },
  {
    what: 'electron/main importing the sandbox folder (which loads its entry)',
    file: 'electron/main/index.ts',
    code: "import { startSandbox } from '../../sandbox';\nexport const s = startSandbox;\n",
  },
  {
    what: 'tests importing the sandbox, core and main (type-only electron)',
    file: 'tests/unit/core/client.test.ts',
    code: "import type { App } from 'electron';\nimport { startSandbox } from '../../../sandbox/server';\nimport { buildWindowOptions } from '../../../electron/main/window';\nexport type A = App;\nexport const x = [startSandbox, buildWindowOptions];\n",
  },
  {
    what: 'scripts importing the sandbox',
    file: 'scripts/start.mjs',
    code: "import { startSandbox } from '../sandbox/server.ts';\nexport const s = startSandbox;\n",
  },
];

describe('eslint.config.js layer boundaries', () => {
  it.each(violations)('flags $what', async ({ file, code, rule }) => {
    expect(await ruleIds(file, code)).toContain(rule);
  });

  it.each(allowed)('allows $what', async ({ file, code }) => {
    const ids = await ruleIds(file, code);
    expect(ids.filter((id) => BOUNDARY_RULES.has(id))).toEqual([]);
  });

  it.each([
    ['electron/main/index.ts', 'electron/main'],
    ['electron/preload/index.ts', 'electron/preload'],
    ['electron/core/app-core.ts', 'electron/core'],
    ['electron/dev-bridge/cli.ts', 'electron/dev-bridge'],
    ['renderer/app/App.tsx', 'renderer'],
    ['shared/contract/index.ts', 'shared'],
    ['sandbox/server.ts', 'sandbox'],
    ['vite.config.ts', 'root config files'],
  ])('puts %s in the %s layer', async (file, layer) => {
    // Catches a mistyped or renamed `files` glob whose layer would silently fall back to the defaults.
    const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as {
      rules: Record<string, [unknown, { layer: string }]>;
    };
    expect(config.rules[LAYERS]?.[1].layer).toBe(layer);
  });
});
