import type { TrainingClock } from './training-clock';

/**
 * Runs a check of what is due on the training clock: every `intervalMs`, and at once when a
 * trainer moves the clock (`runNow`). The check answers how many things it did; a check that
 * throws is reported and the schedule goes on.
 */
export class ClockSchedule {
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly check: (now: Date) => number,
    private readonly clock: TrainingClock,
    intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {
    this.timer = intervalMs > 0 ? setInterval(() => this.runNow(), intervalMs) : null;
    // The check must not keep a process (a test, the CLI) alive on its own.
    this.timer?.unref();
  }

  runNow(): number {
    try {
      return this.check(this.clock.now());
    } catch (error) {
      this.onError(error);
      return 0;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
