// Types for builder-config.mjs (the tests import it from TypeScript and cast to what they read).
export function readBuilderConfig(file: string): Record<string, unknown>;
