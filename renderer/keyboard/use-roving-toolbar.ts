import { useLayoutEffect, useRef, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

const CONTROLS = 'select, input, button';

const controlsOf = (toolbar: HTMLElement): HTMLElement[] =>
  [...toolbar.querySelectorAll<HTMLElement>(CONTROLS)].filter((control) => !control.matches(':disabled'));

/**
 * A row of controls (role="toolbar") that is one Tab stop: Left and Right move between them, Home
 * and End to the ends, and Tab leaves. The control last used keeps the stop. Left and Right are
 * taken before a select sees them, so they move rather than change its value; Up and Down still change it.
 */
export const useRovingToolbar = (
  ref: RefObject<HTMLElement | null>,
): {
  onKeyDownCapture: (event: KeyboardEvent<HTMLElement>) => void;
  onFocus: (event: FocusEvent<HTMLElement>) => void;
} => {
  const current = useRef<HTMLElement | null>(null);

  const settle = (stop: HTMLElement | null): void => {
    const toolbar = ref.current;
    if (toolbar === null) return;
    const controls = controlsOf(toolbar);
    const kept = stop !== null && controls.includes(stop) ? stop : (controls[0] ?? null);
    current.current = kept;
    for (const control of controls) control.tabIndex = control === kept ? 0 : -1;
  };

  // Controls come and go (the "clear" button): after every render exactly one of them is the stop.
  useLayoutEffect(() => settle(current.current));

  const onKeyDownCapture = (event: KeyboardEvent<HTMLElement>): void => {
    const toolbar = ref.current;
    if (toolbar === null || !(event.target instanceof HTMLElement)) return;
    const controls = controlsOf(toolbar);
    const at = controls.indexOf(event.target);
    if (at < 0) return;
    const move: Readonly<Record<string, number | undefined>> = { ArrowLeft: at - 1, ArrowRight: at + 1, Home: 0, End: controls.length - 1 };
    const next = move[event.key];
    // Home and End belong to a text field's caret; there is none here, but a checkbox or select gives them no meaning either.
    if (next === undefined) return;
    event.preventDefault();
    const target = controls[Math.max(0, Math.min(controls.length - 1, next))];
    if (target === undefined) return;
    settle(target);
    target.focus();
  };

  const onFocus = (event: FocusEvent<HTMLElement>): void => {
    if (event.target instanceof HTMLElement && event.target !== current.current) settle(event.target);
  };

  return { onKeyDownCapture, onFocus };
};
