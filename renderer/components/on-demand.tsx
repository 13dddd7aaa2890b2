import { createElement, lazy, Suspense, useEffect, useState, type ComponentType, type ReactNode } from 'react';
import { LoadingState } from './LoadingState';

/** A component whose code is loaded on demand, and can be fetched ahead (`preload`) while nothing else runs. */
export interface OnDemand<P extends object> {
  readonly Component: ComponentType<P>;
  preload(): Promise<unknown>;
}

/**
 * Remembers what had the keyboard focus when the on-demand part was asked for, before its code is
 * in: a screen that reads it on its first render would otherwise find the focus gone (the part it
 * replaces is hidden by then). When the part goes and the focus is nowhere, it goes back there.
 */
const useOpenerFocus = (): void => {
  const [opener] = useState<Element | null>(() => document.activeElement);
  useEffect(
    () => () => {
      queueMicrotask(() => {
        const lost = document.activeElement === null || document.activeElement === document.body;
        if (lost && opener instanceof HTMLElement && opener.isConnected && opener !== document.body) opener.focus();
      });
    },
    [opener],
  );
};

/**
 * Splits a component out of the first screen's code. Once its code is in (opened before, or
 * fetched on idle by `preload`), it renders at once, as if it had been bundled with the first
 * screen, so its own focus handling runs as before; until then a loading state shows in its place.
 */
export const onDemand = <P extends object>(load: () => Promise<ComponentType<P>>, fallback: ReactNode = <LoadingState />): OnDemand<P> => {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  const preload = (): Promise<ComponentType<P>> => {
    loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        // A chunk that could not be fetched is fetched again next time.
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(async () => ({ default: await preload() }));
  const Component = (props: P) => {
    useOpenerFocus();
    // Chosen once per mount: switching from the lazy wrapper to the loaded component would remount it.
    const [chosen] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return chosen === Lazy ? <Suspense fallback={fallback}>{createElement(chosen, props)}</Suspense> : createElement(chosen, props);
  };
  return { Component, preload };
};

/** Fetches on-demand code once the first screen has been shown and the page is idle, so it opens at once later. */
export const usePreloadOnIdle = (parts: readonly Pick<OnDemand<object>, 'preload'>[]): void => {
  useEffect(() => {
    let cancelled = false;
    const run = (): void => {
      if (cancelled) return;
      // One after another, so nothing competes with what the agent is doing.
      void parts.reduce<Promise<unknown>>((previous, part) => previous.then(() => (cancelled ? undefined : part.preload())).catch(() => undefined), Promise.resolve());
    };
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(run, { timeout: 3_000 });
      return () => {
        cancelled = true;
        window.cancelIdleCallback(handle);
      };
    }
    const timer = window.setTimeout(run, 500);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [parts]);
};
