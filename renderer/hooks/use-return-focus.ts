import { useEffect, useState } from 'react';

/**
 * Remembers what had the keyboard focus when the calling screen appeared, and gives it back when the
 * screen goes (closing settings, unlocking), if that element is still there to take it.
 */
export const useReturnFocus = (): void => {
  // Read during the first render, before this screen's own focus handling moves it.
  const [previous] = useState<Element | null>(() => document.activeElement);
  useEffect(
    () => () => {
      if (previous instanceof HTMLElement && previous.isConnected && previous !== document.body) {
        // After the commit that removed this screen, so an inert shell has become focusable again.
        queueMicrotask(() => previous.focus());
      }
    },
    [previous],
  );
};
