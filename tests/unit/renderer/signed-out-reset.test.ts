import { describe, expect, it } from 'vitest';
import { keptAtSignOut, type DeskStore, type DeskStoreApi } from '../../../renderer/store/desk-store';
import { slices } from '../../../renderer/store/slices';
import { buildConfigView, buildSession, buildSignedIn } from './builders';
import { lookupStore, ok } from './lookup/builders';

/** The sign-in screen's data loads again after the reset: the configuration answers. */
const setup = () => lookupStore({ 'config.get': () => ok(buildConfigView()) });

/** The store's state without its commands: every key some slice holds. */
const stateOf = (store: DeskStoreApi): Record<string, unknown> =>
  Object.fromEntries(Object.entries(store.getState()).filter(([, value]) => typeof value !== 'function'));

/** A value unlike `value` (never equal to it, deeply), so a key the sign-out leaves alone shows up. */
const differentFrom = (key: string, value: unknown): unknown => {
  if (value === null) return { filledFor: key };
  if (typeof value === 'string') return `${value}~${key}`;
  if (typeof value === 'number') return value + 7;
  if (typeof value === 'boolean') return !value;
  if (Array.isArray(value)) return [...(value as unknown[]), { filledFor: key }];
  if (typeof value === 'object') return { ...value, filledFor: key };
  throw new Error(`no value unlike ${key}'s initial one`);
};

describe('the slice registry', () => {
  it('gives every key of the store to exactly one slice', () => {
    const { store } = setup();
    const owners = new Map<string, string[]>();
    for (const [name, slice] of Object.entries(slices)) {
      for (const key of Object.keys(slice.initialState)) owners.set(key, [...(owners.get(key) ?? []), name]);
    }
    expect([...owners.entries()].filter(([, names]) => names.length > 1)).toEqual([]);
    expect(Object.keys(stateOf(store)).sort()).toEqual([...owners.keys()].sort());
  });

  it('keeps only the workstation’s own keys at sign-out: the language and the boot information, the link to main, the console’s own update and what main found wrong in its files', () => {
    expect([...keptAtSignOut()].sort()).toEqual(['bootError', 'info', 'integrityNotices', 'language', 'link', 'pendingLanguage', 'phase', 'update', 'updateInstalling']);
  });
});

describe('sign-out', () => {
  it('puts every key of every slice back to its initial value, except the ones the registry keeps', async () => {
    const { store, fake, followEvents } = setup();
    const stop = followEvents();
    const initial = stateOf(store);
    const filled = Object.fromEntries(Object.entries(initial).map(([key, value]) => [key, differentFrom(key, value)]));
    // The session must be an agent's for its end to clear anything.
    filled.session = buildSignedIn();
    store.setState(filled as Partial<DeskStore>);
    expect(stateOf(store)).toEqual(filled);

    // The state as the reset leaves it, before the sign-in screen's data starts loading again.
    let reset: Record<string, unknown> | null = null;
    const unsubscribe = store.subscribe((state) => {
      if (reset === null && state.session?.state === 'signedOut') reset = Object.fromEntries(Object.entries(state).filter(([, value]) => typeof value !== 'function'));
    });
    fake.emit({ name: 'session.changed', payload: buildSession() });
    unsubscribe();
    stop();
    if (reset === null) throw new Error('the session never ended');
    const after: Record<string, unknown> = reset;

    const kept = new Set(keptAtSignOut());
    for (const key of Object.keys(initial)) {
      if (key === 'session') expect(after[key]).toEqual(buildSession());
      else if (kept.has(key)) expect({ key, value: after[key] }).toEqual({ key, value: filled[key] });
      else expect({ key, value: after[key] }).toEqual({ key, value: initial[key] });
    }
  });
});
