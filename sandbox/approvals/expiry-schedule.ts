import type { TrainingClock } from '../clock/training-clock';
import type { ApprovalBook } from './approval-book';

/**
 * Expires pending approval requests on the training clock: every `intervalMs`, and at once when a
 * trainer moves the clock (`runNow`). The API's calls also expire what is due before they read, so
 * a request past its time is never approved between two checks.
 */
export class ApprovalExpirySchedule {
  private readonly timer: NodeJS.Timeout | null;

  constructor(
    private readonly book: ApprovalBook,
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
      return this.book.expireDue(this.clock.now());
    } catch (error) {
      this.onError(error);
      return 0;
    }
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
