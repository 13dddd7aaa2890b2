// Types for signing-plan.mjs (the tests import it from TypeScript).
export function signingPlan(
  env: Readonly<Record<string, string | undefined>>,
  options: { targets: ('win' | 'linux')[]; repoRoot: string },
): { lines: string[]; errors: string[] };
