import { formatDateTime, formatRelative, formatUtc } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { useClock } from '../../hooks/use-clock';

/** "3日前" moves on by the minute at the finest. */
const MINUTE_MS = 60_000;

interface TimeStampProps {
  readonly iso: string;
  /** Adds "3日前" after the local time. */
  readonly relative?: boolean;
}

/** A time in the agent's zone and language, with the UTC time on hover for quoting to support. */
export const TimeStamp = ({ iso, relative = false }: TimeStampProps) => {
  const language = useLanguage();
  const now = useClock(MINUTE_MS);
  return (
    <time className="time-stamp" dateTime={iso} title={formatUtc(iso)}>
      <span className="time-local">{formatDateTime(iso, language)}</span>
      {relative ? <span className="time-relative">{formatRelative(iso, now, language)}</span> : null}
    </time>
  );
};
