import { createContext, use, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { DeskStore, DeskStoreApi } from './desk-store';

const DeskStoreContext = createContext<DeskStoreApi | null>(null);

export const DeskStoreProvider = ({ store, children }: { store: DeskStoreApi; children: ReactNode }) => (
  <DeskStoreContext value={store}>{children}</DeskStoreContext>
);

/** Reads the store through a selector; pick one value, or wrap a multi-field selector in useShallow. */
export const useDeskStore = <T,>(selector: (state: DeskStore) => T): T => {
  const store = use(DeskStoreContext);
  if (store === null) throw new Error('useDeskStore outside DeskStoreProvider');
  return useStore(store, selector);
};

/**
 * The store itself, for code that reads it at the moment of an event (a shortcut pressed) rather
 * than rendering from it: subscribing to everything would re-render on every change.
 */
export const useDeskStoreApi = (): DeskStoreApi => {
  const store = use(DeskStoreContext);
  if (store === null) throw new Error('useDeskStoreApi outside DeskStoreProvider');
  return store;
};
