import { useEffect, useState } from 'react';

/** The current time, renewed every `intervalMs`, so "3 minutes ago" does not freeze while the panel stays open. */
export const useNow = (intervalMs: number): number => {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
};
