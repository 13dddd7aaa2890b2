import { createHash, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { oneAtATime } from '../async/one-at-a-time';
import { writeFileAtomic } from '../fs/atomic-write';
import { readJsonFile } from '../fs/json-file';
import { CallError } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';

/** Wrong codes in a row after which enrolment is refused until the console restarts. */
export const MAX_WRONG_ENROLMENT_CODES = 5;

/**
 * How long a right code keeps the enrolment open for settings changes before the key is stored: long
 * enough to set a seat up, short enough that a seat left at the sign-in screen does not stay open.
 */
export const ENROLMENT_WINDOW_MS = 15 * 60_000;

/** More spent hashes than any seat sees in its life; a cap keeps the file from growing without end. */
const MAX_SPENT = 100;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** The profile's record of the codes that enrolled this seat: hashes only, never a code. */
const SpentCodes = z.strictObject({ spentCodeSha256: z.array(Sha256Hex).max(MAX_SPENT) });

export const enrolmentRecordFile = (userDataDir: string): string => join(userDataDir, 'enrolment.json');

export interface EnrolmentCodeGateOptions {
  /** The hex SHA-256 the machine-wide file sets (lower case), or null: no code is asked for. */
  readonly expectedSha256: () => string | null;
  /** Where the spent hashes are kept, in the profile. */
  readonly recordFile: string;
  readonly logger: Logger;
  /** Injectable for tests: the clock (milliseconds since the epoch). */
  readonly now?: () => number;
}

export interface EnrolmentCodeGate {
  /** Whether a first key set up signed out needs the code (the machine file sets one). */
  required(): boolean;
  /**
   * Runs `enrol` (storing the first key) only if `code` is the installer's and was never spent
   * here; once `enrol` has stored the key, the code is spent. One enrolment at a time, so two
   * windows cannot both get in with the same code.
   */
  enrolWith<T>(code: string | undefined, enrol: () => Promise<T>): Promise<T>;
  /**
   * Runs `change` (a settings change made signed out before the first key) only if `code` is the
   * installer's and unspent, or an enrolment opened by the right code is still open; a right code
   * opens it (ENROLMENT_WINDOW_MS) and does not spend it. The same wrong-code count applies.
   */
  changeWith<T>(code: string | undefined, change: () => Promise<T>): Promise<T>;
  /** A right code opened the enrolment and it is still open: settings and the key need no code again until it closes. */
  open(): boolean;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * The installer's one-time enrolment code. The machine-wide file holds its hash, so anyone who can
 * read the file learns nothing usable; the code itself is compared here, in core, hash to hash in
 * constant time, and is neither logged nor stored. After MAX_WRONG_ENROLMENT_CODES wrong codes in a
 * row the seat refuses every code until the console restarts, so the code cannot be guessed from
 * the sign-in screen. A code that enrolled the seat once is recorded (its hash) in the profile: if
 * the key is removed later, the same code does not enrol a second key.
 *
 * The code opens an enrolment rather than one call: settings changed signed out before the first
 * key (the backend's address, the allowed link hosts…) need it too, and the right code, given with
 * the first of them, keeps the enrolment open for ENROLMENT_WINDOW_MS so the seat's settings and
 * its key can be made together without typing it again. Storing the key spends the code and closes
 * the enrolment; so does a restart or the window running out. Only the key spends it: settings
 * alone leave the code good for the key.
 */
export const createEnrolmentCodeGate = (options: EnrolmentCodeGateOptions): EnrolmentCodeGate => {
  const queue = oneAtATime();
  const now = options.now ?? Date.now;
  let wrongInARow = 0;
  /** Until when the enrolment a right code opened stays open; 0: closed. In memory only: a restart closes it. */
  let openUntil = 0;
  const isOpen = (): boolean => now() < openUntil;

  /**
   * The hashes spent here. A record that cannot be read proves nothing unspent, so it counts as
   * spending every code (fail closed): an administrator signed in can still enrol the seat.
   */
  const spentHashes = async (): Promise<readonly string[] | 'unreadable'> => {
    const read = await readJsonFile(options.recordFile, SpentCodes);
    if (read.status === 'missing') return [];
    if (read.status === 'invalid') {
      options.logger.warn({ file: read.file, problem: read.problem }, 'enrolment record is unreadable; enrolment codes are refused');
      return 'unreadable';
    }
    return read.value.spentCodeSha256;
  };

  const admit = async (expected: string, code: string | undefined): Promise<void> => {
    if (wrongInARow >= MAX_WRONG_ENROLMENT_CODES) {
      throw new CallError('ENROLMENT_CODE_LOCKED', 'too many wrong enrolment codes; refused until the console restarts', ['enrolmentCode']);
    }
    const spent = await spentHashes();
    if (spent === 'unreadable' || spent.includes(expected)) {
      throw new CallError('ENROLMENT_CODE_SPENT', 'the enrolment code has enrolled this workstation already', ['enrolmentCode']);
    }
    // Within an open enrolment no code is needed again (a spent code closed it above).
    if (code === undefined && isOpen()) return;
    if (code === undefined) throw new CallError('ENROLMENT_CODE_REQUIRED', 'the first key needs the enrolment code', ['enrolmentCode']);
    if (!timingSafeEqual(sha256(code), Buffer.from(expected, 'hex'))) {
      wrongInARow += 1;
      options.logger.warn({ wrongInARow }, 'wrong enrolment code');
      if (wrongInARow >= MAX_WRONG_ENROLMENT_CODES) {
        throw new CallError('ENROLMENT_CODE_LOCKED', 'too many wrong enrolment codes; refused until the console restarts', ['enrolmentCode']);
      }
      throw new CallError('ENROLMENT_CODE_WRONG', 'the enrolment code is wrong', ['enrolmentCode']);
    }
    wrongInARow = 0;
    openUntil = now() + ENROLMENT_WINDOW_MS;
  };

  const spend = async (expected: string): Promise<void> => {
    const spent = await spentHashes();
    const kept = spent === 'unreadable' ? [] : spent.filter((hash) => hash !== expected);
    const record: z.input<typeof SpentCodes> = { spentCodeSha256: [...kept, expected].slice(-MAX_SPENT) };
    await writeFileAtomic(options.recordFile, `${JSON.stringify(record, null, 2)}\n`);
    openUntil = 0;
    options.logger.info('first key enrolled with the enrolment code; the code is spent');
  };

  return {
    required: () => options.expectedSha256() !== null,
    enrolWith: (code, enrol) =>
      queue(async () => {
        const expected = options.expectedSha256();
        if (expected === null) return enrol();
        await admit(expected, code);
        const result = await enrol();
        await spend(expected);
        return result;
      }),
    changeWith: (code, change) =>
      queue(async () => {
        const expected = options.expectedSha256();
        if (expected === null) return change();
        await admit(expected, code);
        return change();
      }),
    open: () => options.expectedSha256() !== null && isOpen(),
  };
};
