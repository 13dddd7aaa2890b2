import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto';
import type { PasswordHash } from '../store/state';
import { sameBytes } from './secrets';

/**
 * Agent passwords are kept only as scrypt hashes with a per-agent random salt (node:crypto, no
 * dependency). Cost 2^15 with block size 8 takes tens of milliseconds: slow for a guesser, fine
 * for a sign-in. The parameters are stored with each hash so they can be raised later.
 */
const COST = 32_768;
const BLOCK_SIZE = 8;
const PARALLELIZATION = 1;
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // maxmem must exceed 128 · N · r bytes (32 MiB here), just over Node's default.
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });

export const hashPassword = async (password: string): Promise<PasswordHash> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: COST, r: BLOCK_SIZE, p: PARALLELIZATION });
  return {
    algorithm: 'scrypt',
    cost: COST,
    blockSize: BLOCK_SIZE,
    parallelization: PARALLELIZATION,
    salt: salt.toString('base64url'),
    hash: key.toString('base64url'),
  };
};

/** Compares in constant time; a malformed stored hash simply does not match. */
export const verifyPassword = async (password: string, stored: PasswordHash): Promise<boolean> => {
  const expected = Buffer.from(stored.hash, 'base64url');
  const key = await derive(password, Buffer.from(stored.salt, 'base64url'), {
    N: stored.cost,
    r: stored.blockSize,
    p: stored.parallelization,
  });
  return sameBytes(key, expected);
};
