/**
 * A small seeded PRNG so the training data is the same on every machine and every run: tests and
 * training material can name cardholders and tokens. mulberry32 is tiny, fast and good enough for
 * picking names; it is not for secrets (those come from node:crypto).
 */
export const mulberry32 = (seed: number): (() => number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '0123456789';

export class Prng {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Picks by weight: `[[item, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of choices) {
      roll -= weight;
      if (roll < 0) return item;
    }
    const last = choices[choices.length - 1];
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** Capital letters only (no I or O), so an id never grows a long digit run next to a serial. */
  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += this.pick([...LETTERS]);
    return out;
  }

  /** Exactly `length` digits; callers keep runs short (a 13–19 digit run would look like a PAN). */
  digits(length: number): string {
    if (length > 6) throw new Error('digit runs longer than 6 are not generated');
    let out = '';
    for (let i = 0; i < length; i += 1) out += this.pick([...DIGITS]);
    return out;
  }

  /**
   * A child generator for one part of the data, derived from the seed and a label (FNV-1a), not
   * from how far this generator has run: adding data elsewhere does not shift that part.
   */
  fork(label: string): Prng {
    let hash = 2166136261 ^ this.seed;
    for (const ch of label) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
    return new Prng(hash >>> 0);
  }
}
