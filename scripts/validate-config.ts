#!/usr/bin/env tsx
// npm run validate-config -- FILE [FILE…]
// Checks an installer's machine-wide settings file from a checkout, with the very core code the
// console uses (`token-desk --validate-config FILE` on an installed seat). Prints each problem
// with its field; exits 0 when valid, 1 when not, 2 without a file.
import { runConfigValidation } from '../electron/core/config/validate-config';

process.exitCode = await runConfigValidation(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
