#!/usr/bin/env tsx
// npm run icons — renders build/icon.svg into the icon set electron-builder packs:
//   build/icon.png (512 px), build/icons/NxN.png (Linux), build/icon.ico (Windows, 16–256 px).
// The SVG is drawn by hand and rendered by the Chromium the browser tests use (no download, no
// image library); the outputs are committed, so a release needs neither. Run it after editing
// the SVG and commit what it writes.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from './lib/find-chromium';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILD = join(ROOT, 'build');
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512] as const;
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/**
 * An .ico holding PNG images (Windows Vista and later read them; NSIS and electron-builder accept
 * them): a 6-byte header, a 16-byte entry per image, then the PNGs themselves.
 */
export const icoFromPngs = (images: readonly { size: number; png: Buffer }[]): Buffer => {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    // 0 stands for 256 in the one-byte width and height.
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt8(0, 2);
    entry.writeUInt8(0, 3);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
};

const main = async (): Promise<void> => {
  const chromiumPath = findChromium();
  if (!chromiumPath.found) throw new Error(chromiumPath.reason);
  const svg = await readFile(join(BUILD, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath.path, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    const render = async (size: number): Promise<Buffer> => {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    };
    const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES])].sort((a, b) => a - b);
    const rendered = new Map<number, Buffer>();
    for (const size of sizes) rendered.set(size, await render(size));
    const png = (size: number): Buffer => {
      const image = rendered.get(size);
      if (!image) throw new Error(`no ${size}px rendering`);
      return image;
    };

    await mkdir(join(BUILD, 'icons'), { recursive: true });
    for (const size of LINUX_SIZES) await writeFile(join(BUILD, 'icons', `${size}x${size}.png`), png(size));
    await writeFile(join(BUILD, 'icon.png'), png(512));
    await writeFile(join(BUILD, 'icon.ico'), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: png(size) }))));
    console.log(`wrote build/icon.png, build/icon.ico (${ICO_SIZES.join(', ')} px) and build/icons/ (${LINUX_SIZES.join(', ')} px)`);
  } finally {
    await browser.close();
  }
};

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
