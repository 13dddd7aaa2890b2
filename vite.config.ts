import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

/**
 * The renderer bundle. The CSP allows scripts and styles from the app's own origin only, so the
 * build must emit nothing inline: no module-preload polyfill (an inline script) and no data: URLs.
 */
export default defineConfig({
  root: rendererRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2023',
    sourcemap: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React in a chunk of its own, which takes the bundler's small runtime with it. Left to
            // itself the bundler put that runtime in the English catalogue's chunk (loaded only when
            // English is shown), so every first screen loaded the whole catalogue to get it.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 10 },
            // zod with the renderer's setting for it (no eval under the CSP), in one chunk that every
            // chunk building a schema imports, so the setting runs before the first schema is built
            // wherever the bundler puts the schemas (a chunk shared with a lazy screen runs before the entry).
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|renderer[\\/]zod-jitless\.ts$/, priority: 8 },
            // The integrity banner's English, on every first screen (it shows both languages): apart,
            // or the bundler merges it into the English catalogue's chunk and loads all of that.
            { name: 'en-integrity', test: /shared[\\/]i18n[\\/]en-integrity/, priority: 5 },
          ],
        },
      },
    },
  },
});
