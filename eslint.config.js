// ESLint flat config. Besides the usual checks it enforces the layer boundaries of DEVELOPERS.md:
//   electron values only in electron/main and electron/preload (importing them under
//   Node runs Electron's installer), renderer and shared free of Node and of other layers, and the
//   training backend (sandbox/) reachable only from tests and scripts, and through its entry file
//   from electron/main and electron/dev-bridge (training mode starts it in-process).
// Flat config replaces a rule's options wholesale when a later block matches the same file, so every
// layer below states its full set of restrictions, built by the helpers first.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './scripts/lib/eslint-layer-imports.mjs';

const ROOT = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// Bare-specifier restrictions (@typescript-eslint/no-restricted-imports).

const ELECTRON_TYPE_ONLY = {
  name: 'electron',
  allowTypeImports: true,
  message:
    "Only electron/main and electron/preload may import electron values. Use `import type { … } from 'electron'` (not an inline `{ type X }`, which leaves `import 'electron'` behind).",
};
const ELECTRON_SUBPATHS = {
  group: ['electron/*'],
  allowTypeImports: true,
  message: 'Only electron/main and electron/preload may import electron values (electron/main, electron/renderer, …).',
};

const bareBuiltins = builtinModules.filter((name) => !name.startsWith('_'));
const nodeBuiltins = (why) => bareBuiltins.map((name) => ({ name, message: why }));
const NODE_PREFIX = (why) => ({ group: ['node:*'], message: why });

const AXIOS = {
  name: 'axios',
  message: 'The renderer never calls the backend; go through the Transport interface (shared/contract).',
};

/**
 * Full options for @typescript-eslint/no-restricted-imports in one layer.
 * @param {{ electronValues?: boolean, node?: string | false, axios?: boolean, allowNode?: string[] }} o
 */
function restrictedImports({ electronValues = false, node = false, axios = false, allowNode = [] }) {
  const paths = [];
  const patterns = [];
  if (!electronValues) {
    paths.push(ELECTRON_TYPE_ONLY);
    patterns.push(ELECTRON_SUBPATHS);
  }
  if (node) {
    paths.push(...nodeBuiltins(node).filter(({ name }) => !allowNode.includes(name)));
    patterns.push(NODE_PREFIX(node));
  }
  if (axios) paths.push(AXIOS);
  return ['error', { paths, patterns }];
}

// ---------------------------------------------------------------------------------------------
// What no-restricted-imports cannot see: dynamic import() and require() (no-restricted-syntax).

// esquery regexes cannot contain '/', so subpaths are matched with \u002F.
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (names) => `/^(${names.map(escapeRe).join('|')})(\\u002F.*)?$/`;

const DYNAMIC_ELECTRON = [
  {
    selector: `ImportExpression[source.value=${anyOf(['electron'])}]`,
    message: "Only electron/main and electron/preload may load electron; a dynamic import('electron') is a value import.",
  },
  {
    selector: `CallExpression[callee.name='require'][arguments.0.value=${anyOf(['electron'])}]`,
    message: "Only electron/main and electron/preload may load electron; require('electron') is a value import.",
  },
];

/** For the browser layers: no require() at all and no dynamic import of Node or axios. */
const BROWSER_ONLY_SYNTAX = [
  {
    selector: `ImportExpression[source.value=/^node:/]`,
    message: 'Renderer and shared code runs in the browser: no Node built-ins.',
  },
  {
    selector: `ImportExpression[source.value=${anyOf([...bareBuiltins.filter((n) => !n.includes('/')), 'axios'])}]`,
    message: 'Renderer and shared code runs in the browser: no Node built-ins and no axios.',
  },
  {
    selector: `CallExpression[callee.name='require']`,
    message: 'Renderer and shared code is ES modules bundled for the browser: no require().',
  },
];

// ---------------------------------------------------------------------------------------------
// Relative-path restrictions between folders (token-desk/layer-imports, scripts/lib).

const NO_SANDBOX = {
  folder: 'sandbox',
  why: 'the training backend is reached over HTTP; only tests, scripts, electron/main and electron/dev-bridge start it in-process',
};
// Training mode: main and the test bridge start the sandbox in-process, through its entry file only.
// Its internals (store, seed, routes) stay out of reach, so the app cannot come to depend on them.
const SANDBOX_ENTRY_ONLY = {
  ...NO_SANDBOX,
  why: 'only the entry sandbox/index.ts may be imported, to start the training backend; its internals are not the app\'s',
  except: ['sandbox/index.ts'],
};
const NO_RENDERER = { folder: 'renderer', why: 'the renderer is reached only through preload and IPC' };
const NO_DEV_BRIDGE = { folder: 'electron/dev-bridge', why: 'the dev bridge is test-only and never packaged' };
const NO_MAIN = { folder: 'electron/main', why: 'electron/main imports electron values (they fail under plain Node)' };
const NO_PRELOAD = { folder: 'electron/preload', why: 'the preload is its own sandboxed bundle' };
const NO_TESTS = { folder: 'tests', why: 'shipped code does not depend on tests' };
const NO_SCRIPTS = { folder: 'scripts', why: 'shipped code does not depend on build scripts' };

const layer = (name, rule) => ['error', { layer: name, ...rule }];

// ---------------------------------------------------------------------------------------------

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'dist-electron/',
    'release/',
    'out/',
    'coverage/',
    'test-results/',
    'playwright-report/',
    // Scratch files, gitignored.
    '.tmp/',
    // Deliberately insecure Electron code for the Electronegativity script's own tests.
    'tests/unit/tooling/fixtures/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'token-desk/base',
    plugins: { 'token-desk': layers },
    settings: { tokenDesk: { root: ROOT } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: true },
      ],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],

      // Defaults for files outside the named layers (root config files such as vite.config.ts).
      '@typescript-eslint/no-restricted-imports': restrictedImports({}),
      'no-restricted-syntax': ['error', ...DYNAMIC_ELECTRON],
      'token-desk/layer-imports': layer('root config files', { forbid: [NO_SANDBOX, NO_DEV_BRIDGE] }),
    },
  },

  // JavaScript files (scripts, this config) are checked by tsc only where they have a .d.mts.
  {
    name: 'token-desk/javascript',
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  {
    name: 'token-desk/layer/electron-main',
    files: ['electron/main/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports({ electronValues: true }),
      'no-restricted-syntax': 'off',
      'token-desk/layer-imports': layer('electron/main', {
        forbid: [SANDBOX_ENTRY_ONLY, NO_RENDERER, NO_DEV_BRIDGE, NO_PRELOAD, NO_TESTS, NO_SCRIPTS],
      }),
    },
  },
  {
    name: 'token-desk/layer/electron-preload',
    files: ['electron/preload/**'],
    // Node's globals, as tsconfig.electron.json has them: the preload reaches the page only through
    // contextBridge, never through window or document.
    rules: {
      // A sandboxed preload can require only electron, events, timers and url (bundled to one CJS file).
      '@typescript-eslint/no-restricted-imports': restrictedImports({
        electronValues: true,
        node: 'A sandboxed preload can require only electron, events, timers and url.',
        allowNode: ['events', 'timers', 'url'],
      }),
      'no-restricted-syntax': 'off',
      'token-desk/layer-imports': layer('electron/preload', { allow: ['electron/preload', 'shared'] }),
    },
  },
  {
    name: 'token-desk/layer/electron-core',
    files: ['electron/core/**'],
    rules: {
      'token-desk/layer-imports': layer('electron/core', {
        forbid: [NO_SANDBOX, NO_RENDERER, NO_MAIN, NO_PRELOAD, NO_DEV_BRIDGE, NO_TESTS, NO_SCRIPTS],
      }),
    },
  },
  {
    name: 'token-desk/layer/electron-dev-bridge',
    files: ['electron/dev-bridge/**'],
    rules: {
      'token-desk/layer-imports': layer('electron/dev-bridge', { forbid: [SANDBOX_ENTRY_ONLY, NO_RENDERER, NO_MAIN, NO_PRELOAD] }),
    },
  },
  {
    name: 'token-desk/layer/renderer',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports({
        node: 'The renderer runs in a sandboxed browser page: no Node built-ins.',
        axios: true,
      }),
      'no-restricted-syntax': ['error', ...DYNAMIC_ELECTRON, ...BROWSER_ONLY_SYNTAX],
      'token-desk/layer-imports': layer('renderer', { allow: ['renderer', 'shared'] }),
    },
  },
  {
    ...reactHooks.configs.flat.recommended,
    name: 'token-desk/layer/renderer-react',
    files: ['renderer/**/*.{ts,tsx}'],
  },
  {
    name: 'token-desk/layer/shared',
    files: ['shared/**'],
    // Plain ES2023: shared code runs in main, preload, renderer and tests alike.
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrictedImports({
        node: 'shared/ runs in every layer, the browser included: no Node built-ins.',
        axios: true,
      }),
      'no-restricted-syntax': ['error', ...DYNAMIC_ELECTRON, ...BROWSER_ONLY_SYNTAX],
      'token-desk/layer-imports': layer('shared', { allow: ['shared'] }),
    },
  },
  {
    name: 'token-desk/layer/sandbox',
    files: ['sandbox/**'],
    rules: {
      'token-desk/layer-imports': layer('sandbox', {
        forbid: [
          { folder: 'electron', why: 'the training backend stands in for the real one and knows nothing of the app' },
          NO_RENDERER,
          NO_TESTS,
          NO_SCRIPTS,
        ],
      }),
    },
  },
  {
    name: 'token-desk/layer/tests-and-scripts',
    files: ['tests/**', 'scripts/**'],
    rules: {
      // Anything goes, but electron stays type-only (the base rules): its value import fails under Node.
      'token-desk/layer-imports': 'off',
    },
  },
]);
