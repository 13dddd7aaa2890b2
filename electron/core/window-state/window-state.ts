import { z } from 'zod';

/** A rectangle in Electron's screen coordinates (DIP), as BrowserWindow and Display use them. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Coordinates beyond this are garbage, not a very large desktop. */
const COORDINATE_LIMIT = 100_000;

const coordinate = z.number().int().min(-COORDINATE_LIMIT).max(COORDINATE_LIMIT);
const length = z.number().int().min(1).max(COORDINATE_LIMIT);

const SavedRect = z.strictObject({ x: coordinate, y: coordinate, width: length, height: length });

/** What `window-state.json` holds: the normal (unmaximised) bounds and whether it was maximised. */
export const WindowState = z.strictObject({
  bounds: SavedRect,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;
