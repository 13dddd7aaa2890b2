import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { benchActions, type ActionsBenchPlan } from './actions-bench';

/**
 * Runs one token-actions plan in a process of its own and writes its result as JSON, so that the
 * process can be given what as many separate workstations would have: each console's file work
 * (fsync above all) runs on Node's thread pool, which one process shares among all its consoles
 * (4 threads by default) while each real workstation has its own.
 *   tsx tests/bench/actions-process.ts --plan JSON --out FILE
 */
const { values } = parseArgs({ options: { plan: { type: 'string' }, out: { type: 'string' } } });
if (!values.plan || !values.out) {
  console.error('--plan JSON and --out FILE are required');
  process.exit(2);
}
const plan = JSON.parse(values.plan) as ActionsBenchPlan;
await writeFile(values.out, JSON.stringify(await benchActions(plan)));
