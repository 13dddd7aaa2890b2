import type { SandboxStore } from '../store/store';

const MINUTE_MS = 60_000;

/**
 * Token time: the real clock plus how far a trainer moved it forward (`POST /training/v1/clock`),
 * kept in the store so a sandbox restarted on its data file goes on from where it was. Only token
 * time moves (events, step-up reminders): sign-ins, bearer tokens and idempotency keys read the
 * real clock, or moving time forward would sign everybody out.
 */
export class TrainingClock {
  constructor(
    private readonly realNow: () => Date,
    private readonly store: SandboxStore,
  ) {}

  now(): Date {
    return new Date(this.realNow().getTime() + this.store.clockAheadMinutes * MINUTE_MS);
  }

  /** Forward only: a clock that went back would put new events before old ones. */
  advance(minutes: number): Date {
    if (!Number.isInteger(minutes) || minutes <= 0) throw new Error('The training clock moves forward by whole minutes.');
    this.store.setClockAheadMinutes(this.store.clockAheadMinutes + minutes);
    return this.now();
  }

  get aheadByMinutes(): number {
    return this.store.clockAheadMinutes;
  }
}
