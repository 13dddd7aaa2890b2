/** The fixed instant the training data is relative to, so it is the same whenever it is built. */
export const SEED_EPOCH = new Date('2026-11-20T00:00:00+09:00');
