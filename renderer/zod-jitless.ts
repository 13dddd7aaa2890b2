import { z } from 'zod';

// Zod compiles fast object parsers with `new Function` and probes for it when a schema is built.
// The renderer's CSP has no 'unsafe-eval', so the probe is reported as a CSP violation (and the
// end-to-end tests fail on those). This module must be imported before anything that builds a
// schema, i.e. first in main.tsx.
z.config({ jitless: true });
