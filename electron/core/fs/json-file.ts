import { readFile } from 'node:fs/promises';
import type { z } from 'zod';

export type JsonFileRead<T> =
  | { status: 'ok'; value: T }
  | { status: 'missing' }
  | { status: 'invalid'; file: string; problem: string; fields: string[] };

/** Reads and validates a JSON file, telling a missing file apart from a broken one. */
export const readJsonFile = async <S extends z.ZodType>(file: string, schema: S): Promise<JsonFileRead<z.output<S>>> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'invalid', file, problem: `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, fields: [] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { status: 'invalid', file, problem: `is not valid JSON: ${(error as Error).message}`, fields: [] };
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)');
    return { status: 'invalid', file, problem: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '), fields };
  }
  return { status: 'ok', value: parsed.data };
};
