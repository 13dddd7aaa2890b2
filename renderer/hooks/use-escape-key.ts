import { useEffect, useRef } from 'react';

/** Calls `onEscape` when Escape is pressed anywhere in the window, unless something else handled it first. */
export const useEscapeKey = (onEscape: () => void): void => {
  const callback = useRef(onEscape);
  useEffect(() => {
    callback.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      callback.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
};
