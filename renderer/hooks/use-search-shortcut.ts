import { useEffect, type RefObject } from 'react';
import { isSearchShortcut } from '../keyboard/search-shortcut';

/** Moves focus to `target` on Ctrl+K / Cmd+K, from anywhere in the window, while `enabled`. */
export const useSearchShortcut = (target: RefObject<HTMLElement | null>, enabled = true): void => {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isSearchShortcut(event) || target.current === null) return;
      event.preventDefault();
      target.current.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [target, enabled]);
};
