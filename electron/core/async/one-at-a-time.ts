/** Runs the work given to it one piece after another: each starts once the one before has settled, fulfilled or not. */
export type OneAtATime = <T>(work: () => Promise<T>) => Promise<T>;

export const oneAtATime = (): OneAtATime => {
  let queue: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    // A failure belongs to its own caller; the next piece of work starts all the same.
    queue = run.catch(() => undefined);
    return run;
  };
};
