// Local ESLint plugin: the folder-layer boundary for *relative* imports.
//
// Why a rule of our own instead of no-restricted-imports patterns such as `**/electron/**`:
// a glob on the import string cannot tell `../../electron/core/x` (crossing into another layer)
// from `./transports/electron/bridge` (a renderer folder that happens to be named "electron").
// This rule resolves the specifier against the importing file and compares repository folders,
// so it has neither false positives nor misses. Bare package names (electron, node:*, axios)
// stay with @typescript-eslint/no-restricted-imports in eslint.config.js.
import path from 'node:path';

/**
 * Is `relPath` (posix, relative to the repository root) inside `folder` (posix, no trailing slash)?
 * @param {string} relPath
 * @param {string} folder
 */
function isInside(relPath, folder) {
  return relPath === folder || relPath.startsWith(`${folder}/`);
}

/**
 * Where a relative specifier lands, as a posix path relative to the repository root;
 * null for bare specifiers (packages) and for anything outside the repository.
 * @param {string} root absolute repository root
 * @param {string} importer absolute path of the importing file
 * @param {string} specifier the import string
 */
function resolveInRepo(root, importer, specifier) {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && specifier !== '.' && specifier !== '..') {
    return null;
  }
  const target = path.relative(root, path.resolve(path.dirname(importer), specifier));
  if (target.startsWith('..') || path.isAbsolute(target)) return null;
  return target.split(path.sep).join('/');
}

const SOURCE_EXTENSION = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

/**
 * The module a resolved import target names, without its extension: `sandbox/index.ts`,
 * `sandbox/index` and `sandbox` (a folder import, which loads its index) are all `sandbox/index`.
 * @param {string} target posix, relative to the repository root
 * @param {string} folder the forbidden folder the target lies in
 */
function moduleOf(target, folder) {
  if (target === folder) return `${folder}/index`;
  return target.replace(SOURCE_EXTENSION, '');
}

/**
 * Is the target one of a forbidden folder's allowed entry files (`except`)?
 * @param {string} target
 * @param {{ folder: string, except?: string[] }} rule
 */
function isAllowedEntry(target, rule) {
  if (!rule.except) return false;
  const wanted = moduleOf(target, rule.folder);
  return rule.except.some((entry) => moduleOf(entry, rule.folder) === wanted);
}

/** @type {import('eslint').Rule.RuleModule} */
const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep relative imports inside the layers a folder may depend on (see DEVELOPERS.md).' },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        required: ['layer'],
        properties: {
          layer: { type: 'string' },
          // When given, every relative import must land in one of these folders.
          allow: { type: 'array', items: { type: 'string' } },
          // Folders that relative imports must not land in (checked after `allow`).
          forbid: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['folder', 'why'],
              properties: {
                folder: { type: 'string' },
                why: { type: 'string' },
                // Entry files inside the folder that may still be imported (e.g. `sandbox/index.ts`):
                // the folder's public face, while everything deeper stays out of reach.
                except: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    ],
    messages: {
      notAllowed: "{{layer}} may import only from {{allowed}}; '{{specifier}}' resolves to {{target}}.",
      forbidden: "{{layer}} must not import from {{folder}}/ ('{{specifier}}'): {{why}}.",
    },
  },
  create(context) {
    const [{ layer, allow, forbid = [] }] = /** @type {any} */ (context.options);
    const root = /** @type {string | undefined} */ (context.settings?.tokenDesk?.root) ?? context.cwd;
    const filename = context.filename;

    /** @param {import('eslint').Rule.Node | null | undefined} node */
    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') return;
      const specifier = node.value;
      const target = resolveInRepo(root, filename, specifier);
      if (target === null) return;
      if (allow && !allow.some((folder) => isInside(target, folder))) {
        context.report({
          node,
          messageId: 'notAllowed',
          data: { layer, specifier, target, allowed: allow.map((f) => `${f}/`).join(', ') },
        });
        return;
      }
      const hit = forbid.find((rule) => isInside(target, rule.folder) && !isAllowedEntry(target, rule));
      if (hit) context.report({ node, messageId: 'forbidden', data: { layer, specifier, folder: hit.folder, why: hit.why } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression(node) {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(/** @type {any} */ (node.arguments[0]));
      },
      // `import x = require('../y')` (TypeScript only).
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node.expression),
    };
  },
};

export default {
  meta: { name: 'token-desk-layers' },
  rules: { 'layer-imports': layerImports },
};
