import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DamagedAction } from '../../../shared/api/integrity';
import { TOKEN_OPERATIONS, type TokenOperation } from '../../../shared/domain/transitions';
import type { RecordProblem } from '../fs/record-folder';

/** One string field of the entry's view, wherever the text still holds it (a cut-off file keeps its beginning). */
const fieldOf = (text: string, name: string, pattern: string): string | null => new RegExp(`"${name}":"(${pattern})"`).exec(text)?.[1] ?? null;

const isOperation = (value: string | null): value is TokenOperation => value !== null && (TOKEN_OPERATIONS as readonly string[]).includes(value);

/**
 * What can still be read of the token action a damaged outbox file was: its operation, the
 * token's last four digits and when it was asked for, each from the raw text (a truncated or
 * edited file is not JSON any more, but the fields before the damage are still there), and the
 * file's name. Nothing read here is trusted for anything but telling the agent and the supervisor
 * which action it was; how it ended is not known from the file (`reconciled: UNKNOWN`).
 */
export const damagedActionOf = async (dir: string, problem: RecordProblem): Promise<DamagedAction | null> => {
  const file = /^[0-9a-f-]{36}\.json$/.test(problem.file) ? problem.file : null;
  if (file === null) return null;
  let text = '';
  try {
    text = await readFile(join(dir, problem.keptAs ?? problem.file), 'utf8');
  } catch {
    // Unreadable: the file's name still says which action it was.
  }
  const operation = fieldOf(text, 'operation', '[a-z]{1,20}');
  const salvaged = DamagedAction.safeParse({
    file,
    operation: isOperation(operation) ? operation : null,
    tokenLastFour: fieldOf(text, 'tokenLastFour', '\\d{4}'),
    requestedAt: fieldOf(text, 'requestedAt', '[0-9T:.+Z-]{20,35}'),
    reconciled: 'UNKNOWN',
  });
  // A field read but not of its form (an edit) is left out rather than shown wrong.
  return salvaged.success ? salvaged.data : { file, operation: null, tokenLastFour: null, requestedAt: null, reconciled: 'UNKNOWN' };
};
