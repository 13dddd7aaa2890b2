// Types for package-rules.mjs (the tests import it from TypeScript).
export function checkAsarEntries(entries: string[], isDirectory: (path: string) => boolean): string[];
export function checkFuseWire(wire: Record<string, number | string>, config: Record<string, boolean>): string[];
export function requiredModules(code: string): string[];
export type BundleKind = 'main' | 'preload' | 'training' | 'updater';
export const BUNDLE_KINDS: readonly BundleKind[];
export const BUNDLE_FILES: Record<BundleKind, string>;
export const MAIN_BUNDLE_MAX_BYTES: number;
export function checkBundleRequires(kind: BundleKind, code: string): string[];
export function checkBundleInputs(kind: BundleKind, inputs: string[]): string[];
export function checkBundleCode(kind: BundleKind, code: string): string[];
