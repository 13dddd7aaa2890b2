import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DamagedAction } from '../../../shared/api/integrity';
import { TOKEN_OPERATIONS, type TokenOperation } from '../../../shared/domain/transitions';
import type { ActionIdentity } from '../actions/action-identity';
import type { RecordProblem } from '../fs/record-folder';
import { SalvagedIdentity } from './reconciled-action';

/** One string field of the entry's view, wherever the text still holds it (a cut-off file keeps its beginning). */
const fieldOf = (text: string, name: string, pattern: string): string | null => new RegExp(`"${name}":"(${pattern})"`).exec(text)?.[1] ?? null;

const isOperation = (value: string | null): value is TokenOperation => value !== null && (TOKEN_OPERATIONS as readonly string[]).includes(value);

const ACTION_FILE = /^([0-9a-f-]{36})\.json$/;

const readText = async (dir: string, problem: RecordProblem): Promise<string> => {
  try {
    return await readFile(join(dir, problem.keptAs ?? problem.file), 'utf8');
  } catch {
    // Unreadable: the file's name still says which action it was.
    return '';
  }
};

/** Each field read from the text is kept only if it has its form: a field cut or edited is left out rather than used wrong. */
const fromText = (actionId: string, text: string): SalvagedIdentity => {
  const operation = fieldOf(text, 'operation', '[a-z]{1,20}');
  const field = <T>(parse: (value: string | null) => T | null, value: string | null): T | null => (value === null ? null : parse(value));
  const shape = SalvagedIdentity.shape;
  const salvaged: SalvagedIdentity = {
    actionId,
    correlationId: field((value) => shape.correlationId.safeParse(value).data ?? null, fieldOf(text, 'correlationId', '[A-Za-z0-9_.-]{1,64}')),
    virtualCardId: field((value) => shape.virtualCardId.safeParse(value).data ?? null, fieldOf(text, 'virtualCardId', '[A-Za-z0-9_-]{1,64}')),
    operation: isOperation(operation) ? operation : null,
    tokenLastFour: field((value) => shape.tokenLastFour.safeParse(value).data ?? null, fieldOf(text, 'tokenLastFour', '\\d{4}')),
    requestedAt: field((value) => shape.requestedAt.safeParse(value).data ?? null, fieldOf(text, 'requestedAt', '[0-9T:.+Z-]{20,35}')),
    agentId: field((value) => shape.agentId.safeParse(value).data ?? null, fieldOf(text, 'agentId', '[a-z][a-z0-9._-]{2,31}')),
    from: 'FILE_TEXT',
  };
  const found = [salvaged.correlationId, salvaged.virtualCardId, salvaged.operation, salvaged.tokenLastFour, salvaged.requestedAt, salvaged.agentId].some((value) => value !== null);
  return found ? salvaged : { ...salvaged, from: 'NOTHING' };
};

/**
 * Which action a damaged outbox file was. Its write-ahead header (actions/action-identity.ts,
 * written once with the entry and never rewritten) says it whole when it is there; otherwise the
 * raw text is read for what it still holds (a truncated or edited file is not JSON any more, but the
 * fields before the damage are still there). The file's name is the action id. Nothing read here is
 * trusted for anything but telling the agent which action it was and asking the backend about it.
 */
export const salvagedIdentityOf = async (dir: string, problem: RecordProblem, header: ActionIdentity | undefined): Promise<SalvagedIdentity | null> => {
  const actionId = ACTION_FILE.exec(problem.file)?.[1];
  if (actionId === undefined) return null;
  if (header !== undefined && header.actionId === actionId) {
    const { correlationId, virtualCardId, operation, tokenLastFour, requestedAt, agentId } = header;
    return { actionId, correlationId, virtualCardId, operation, tokenLastFour, requestedAt, agentId, from: 'HEADER' };
  }
  return fromText(actionId, await readText(dir, problem));
};

/** Neither the token nor the correlation id is known: the backend cannot be asked, the outcome stays unknown. */
export const isUnidentified = (identity: SalvagedIdentity): boolean => identity.virtualCardId === null || identity.correlationId === null;

/** What the banner and the report show of a damaged action, before the history is read. */
export const damagedActionFor = (file: string, identity: SalvagedIdentity): DamagedAction => ({
  file,
  operation: identity.operation,
  tokenLastFour: identity.tokenLastFour,
  requestedAt: identity.requestedAt,
  reconciled: 'UNKNOWN',
  ...(isUnidentified(identity) ? { unidentified: true as const } : {}),
});

/**
 * What can still be read of the token action a damaged outbox file was, from the file alone: its
 * operation, the token's last four and when it was asked for. How it ended is not known from the
 * file (`reconciled: UNKNOWN`).
 */
export const damagedActionOf = async (dir: string, problem: RecordProblem): Promise<DamagedAction | null> => {
  const file = ACTION_FILE.test(problem.file) ? problem.file : null;
  if (file === null) return null;
  const identity = fromText(file.slice(0, 36), await readText(dir, problem));
  const salvaged = DamagedAction.safeParse({ file, operation: identity.operation, tokenLastFour: identity.tokenLastFour, requestedAt: identity.requestedAt, reconciled: 'UNKNOWN' });
  return salvaged.success ? salvaged.data : { file, operation: null, tokenLastFour: null, requestedAt: null, reconciled: 'UNKNOWN' };
};
