import { useClock } from '../../hooks/use-clock';
import { spanBetween, spanLabel } from '../../store/approval-queue/queue-order';
import { useSupervisionTranslation } from './supervision-messages';

/** Waiting times and time left are read in minutes: the screen's clock moves every half minute. */
const PERIOD_MS = 30_000;

/**
 * "12分" / "1時間5分": how long since `from`, or how long until `to`, by the screen's clock (one
 * shared timer, so a queue of many requests does not run one each).
 */
export const useApprovalSpan = (): ((from: string | null, to: string | null) => string) => {
  const { t } = useSupervisionTranslation();
  const now = useClock(PERIOD_MS);
  return (from, to) => {
    const label = spanLabel(spanBetween(from === null ? now : Date.parse(from), to === null ? now : Date.parse(to)));
    return t(`approvalQueue.span.${label.key}`, { ...label.values });
  };
};
