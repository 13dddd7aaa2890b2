import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { firstScreenChunks } from '../support/first-screen-chunks';

export interface BundleFigures {
  readonly initialJsBytes: number;
  readonly initialJsGzipBytes: number;
  readonly cssGzipBytes: number;
  /** The heaviest modules of what the first screen loads: where to cut next. */
  readonly largestModules: ReadonlyArray<{ module: string; bytes: number }>;
}

/** What each source module contributes to each emitted chunk (by chunk file name), to name the heavy ones. */
const moduleSizes = (sink: Map<string, Map<string, number>>): Plugin => ({
  name: 'token-desk-bench-module-sizes',
  generateBundle(_options, bundle) {
    for (const output of Object.values(bundle)) {
      if (output.type !== 'chunk') continue;
      const modules = new Map<string, number>();
      for (const [id, info] of Object.entries(output.modules)) {
        const name = id.replace(/^.*node_modules\//, '').replace(`${process.cwd()}/`, '');
        modules.set(name, (modules.get(name) ?? 0) + info.renderedLength);
      }
      sink.set(output.fileName, modules);
    }
  },
});

/** Builds the renderer as it ships and measures what the first screen loads. */
export const measureBundle = async (): Promise<BundleFigures> => {
  const sizes = new Map<string, Map<string, number>>();
  const result = await build({ logLevel: 'silent', build: { write: false }, plugins: [moduleSizes(sizes)] });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
  let js = 0;
  let jsGzip = 0;
  let cssGzip = 0;
  const { chunks, initial } = firstScreenChunks(outputs);
  const initialCss = new Set([...initial].flatMap((fileName) => [...(chunks.get(fileName)?.viteMetadata?.importedCss ?? [])]));
  for (const item of outputs) {
    const content = item.type === 'chunk' ? item.code : item.source;
    const bytes = typeof content === 'string' ? Buffer.from(content) : Buffer.from(content);
    if (item.type === 'chunk' && initial.has(item.fileName)) {
      js += bytes.length;
      jsGzip += gzipSync(bytes, { level: 9 }).length;
    }
    if (item.fileName.endsWith('.css') && initialCss.has(item.fileName)) cssGzip += gzipSync(bytes, { level: 9 }).length;
  }
  const largestModules = [...initial]
    .flatMap((fileName) => [...(sizes.get(fileName) ?? new Map<string, number>()).entries()])
    .map(([module, bytes]) => ({ module, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 15);
  return { initialJsBytes: js, initialJsGzipBytes: jsGzip, cssGzipBytes: cssGzip, largestModules };
};
