import { runCli } from '../tests/conformance/cli';
import { scenarios } from '../tests/conformance/scenarios/index';

/** The conformance kit's command line (docs/backend.md, "The conformance kit"); the kit itself lives in tests/conformance. */
process.exitCode = await runCli(process.argv.slice(2), { out: (text) => console.log(text), err: (text) => console.error(text) }, scenarios);
