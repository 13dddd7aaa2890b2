import { createHash } from 'node:crypto';
import { ApiFailure } from '../http/errors';

/**
 * Opaque page cursors. A cursor names where the next page starts and what it belongs to (a
 * search, a token's history) by a short hash, never by the query itself: cursors end up in logs
 * and URLs, and a search may be a cardholder's name.
 */
const SEPARATOR = '~';

const shortHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('base64url').slice(0, 12);

export const encodeCursor = (kind: string, owner: string, position: string): string =>
  Buffer.from(['v1', kind, shortHash(owner), position].join(SEPARATOR), 'utf8').toString('base64url');

/** The position a cursor holds, or a D error naming `cursor` if it is not one of ours for this list. */
export const decodeCursor = (cursor: string, kind: string, owner: string): string => {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split(SEPARATOR);
  const [version, cursorKind, ownerHash, position] = parts;
  if (parts.length !== 4 || version !== 'v1' || cursorKind !== kind || position === undefined || position === '') {
    throw new ApiFailure('BAD_FORMAT', 'cursor: not a cursor this list gave out.', 'cursor');
  }
  if (ownerHash !== shortHash(owner)) throw new ApiFailure('BAD_FORMAT', 'cursor: it belongs to another list.', 'cursor');
  return position;
};
