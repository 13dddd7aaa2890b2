// Comments say why in the project's own words. They never name an issue number, never cite the
// platform's documentation by page number or a section sign, and never point at a file outside the
// repository: a reader has only the repository, and docs/domain.md is where the domain is written
// down. Citations of that doc name one of its section headings, which must exist.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SOURCE_FOLDERS = ['electron', 'renderer', 'shared', 'sandbox', 'tests', 'scripts'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'dist-electron', 'test-results', 'fixtures']);

/** What a comment must not say, each with why. */
const FORBIDDEN: ReadonlyArray<{ readonly pattern: RegExp; readonly why: string }> = [
  { pattern: /\bissues?\s+#?\d+/i, why: 'names an issue number' },
  { pattern: /\(#\d+\)/, why: 'names an issue number' },
  { pattern: /\bpages?\s+0\d\d\b/i, why: 'cites the platform documentation by page number' },
  { pattern: /\.md\s*§/, why: 'cites a document by section sign' },
  { pattern: /(?<![\w/])domain\.md\b/, why: 'cites the reference notes, not docs/domain.md' },
  { pattern: /\b(?:toolchain|electron-architecture|style-anchors)\.md\b|shared\/reference\b|\bsource[ -]pages\b/i, why: 'points at a file outside the repository' },
];

/** The comments of a TypeScript or JavaScript file: strings, templates, regexes and JSX text blanked first. */
const commentsOf = (fileName: string, text: string): string[] => {
  const kind = fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : /\.[cm]?js$/.test(fileName) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, kind);
  // Node positions are UTF-16 offsets into the string, as slice counts them.
  let blanked = text;
  const literalKinds = new Set([
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateHead,
    ts.SyntaxKind.TemplateMiddle,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
    ts.SyntaxKind.JsxText,
  ]);
  const ranges: Array<[number, number]> = [];
  const visit = (node: ts.Node): void => {
    if (literalKinds.has(node.kind)) ranges.push([node.getStart(source), node.end]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const [start, end] of ranges) {
    blanked = blanked.slice(0, start) + blanked.slice(start, end).replace(/[^\n]/g, ' ') + blanked.slice(end);
  }
  return [...blanked.matchAll(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g)].map(([comment]) => comment);
};

const cssComments = (text: string): string[] => [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map(([comment]) => comment);

const sourceFiles = (): string[] => {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(relative);
      } else if (/\.(?:tsx?|[cm]?js|css|md)$/.test(entry.name)) {
        found.push(relative);
      }
    }
  };
  for (const folder of SOURCE_FOLDERS) walk(folder);
  for (const entry of readdirSync(ROOT, { withFileTypes: true })) {
    if (entry.isFile() && /\.(?:ts|[cm]?js)$/.test(entry.name)) found.push(entry.name);
  }
  return found;
};

/** What a reader finds in a file: its comments, or all of a Markdown file. */
const readableText = (file: string): string[] => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  if (file.endsWith('.md')) return [text];
  if (file.endsWith('.css')) return cssComments(text);
  return commentsOf(file, text);
};

const DOC_HEADINGS = new Set(
  [...readFileSync(path.join(ROOT, 'docs/domain.md'), 'utf8').matchAll(/^## (.+)$/gm)].map(([, heading]) => heading?.trim() ?? ''),
);

describe('source comments', () => {
  it('finds comments, not strings, regexes or JSX text', () => {
    const code = [
      "const url = `http://${host}//issue 5`; // says why",
      "const re = /issue 5\\/\\//;",
      "/* page 001 */",
      "const title = 'issue 5';",
    ].join('\n');
    expect(commentsOf('probe.ts', code)).toEqual(['// says why', '/* page 001 */']);
    expect(commentsOf('probe.tsx', 'export const A = () => <p>http://example.com/issue 5</p>; // a view\n')).toEqual(['// a view']);
  });

  it.each([
    ['// The agent\'s reads (issue 4): search', 'names an issue number'],
    ['/** Issue 6: say so */', 'names an issue number'],
    ['// as page 003 writes it', 'cites the platform documentation by page number'],
    ['// (pages 001, 004)', 'cites the platform documentation by page number'],
    ['// (domain.md §1.6)', 'cites a document by section sign'],
    ['// a hard-coded password (electron-architecture.md §2)', 'cites a document by section sign'],
    ['// see ../shared/reference/README.md', 'points at a file outside the repository'],
  ])('refuses %s', (comment, why) => {
    expect(FORBIDDEN.filter(({ pattern }) => pattern.test(comment)).map((rule) => rule.why)).toContain(why);
  });

  it.each([['// docs/domain.md, "Callback ordering"'], ['// page 3 of the results'], ['// 221: the device could not be reached']])('allows %s', (comment) => {
    expect(FORBIDDEN.filter(({ pattern }) => pattern.test(comment))).toEqual([]);
  });

  it('never name an issue number, a page number or a file outside the repository', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(300);
    const found = files.flatMap((file) =>
      readableText(file).flatMap((comment) =>
        FORBIDDEN.filter(({ pattern }) => pattern.test(comment)).map(({ why }) => `${file}: ${why}: ${comment.trim().slice(0, 160)}`),
      ),
    );
    expect(found).toEqual([]);
  });

  it('cite docs/domain.md by one of its section headings', () => {
    expect(DOC_HEADINGS.size).toBeGreaterThanOrEqual(13);
    const citations = sourceFiles().flatMap((file) =>
      readableText(file).flatMap((comment) =>
        [...comment.replace(/\n\s*(?:\*|\/\/)\s*/g, ' ').matchAll(/docs\/domain\.md,\s*"([^"]+)"/g)].map(([, heading]) => ({ file, heading: heading ?? '' })),
      ),
    );
    expect(citations.length).toBeGreaterThan(20);
    expect(citations.filter(({ heading }) => !DOC_HEADINGS.has(heading))).toEqual([]);
  });
});
