import type { Rollup } from 'vite';

/**
 * The chunks a built renderer's first screen loads: the entry and every chunk it imports
 * statically (the bundler may split modules the entry shares with a lazy chunk into chunks of their
 * own); dynamic chunks load later. Shared by the bundle bench and the lazy-loading test.
 */
export const firstScreenChunks = (outputs: readonly (Rollup.OutputChunk | Rollup.OutputAsset)[]) => {
  const chunks = new Map(outputs.flatMap((item) => (item.type === 'chunk' ? [[item.fileName, item] as const] : [])));
  const initial = new Set<string>();
  const visit = (fileName: string): void => {
    const chunk = chunks.get(fileName);
    if (chunk === undefined || initial.has(fileName)) return;
    initial.add(fileName);
    for (const imported of chunk.imports) visit(imported);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry && !chunk.isDynamicEntry) visit(chunk.fileName);
  return { chunks, initial };
};
