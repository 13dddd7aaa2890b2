import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoreDeps } from './deps';
import type { Slice, SliceCreator, StoreCore } from './slice';
import { slices } from './slices';

type Slices = typeof slices;
type AnySlice = Slices[keyof Slices];

/** `A | B` → `A & B`: the store holds every slice at once. */
type Intersection<U> = (U extends unknown ? (each: U) => void : never) extends (all: infer I) => void ? I : never;

type StateOf<S> = S extends Slice<infer State, infer _Needs, infer _Commands> ? State : never;
type CommandsOf<S> = S extends Slice<infer _State, infer _Needs, infer Commands> ? Commands : never;

/** Every slice's state, as the registry lists them. */
export type DeskState = Intersection<StateOf<AnySlice>>;
/** The whole store: every slice's state and commands, and what the store itself offers them. */
export type DeskStore = DeskState & Intersection<CommandsOf<AnySlice>> & StoreCore;
export type DeskStoreApi = StoreApi<DeskStore>;

// Written out as the store's own type: a slice whose needs the store does not meet (a key renamed,
// a slice left out of the registry) fails to compile here.
const creators: readonly SliceCreator<DeskStore, object>[] = Object.values(slices).map((slice) => slice.create);

const entriesOf = (state: object): [string, unknown][] => Object.entries(state);

/** The keys a slice keeps at sign-out (its own declaration in the registry), for the reset and its test. */
export const keptAtSignOut = (): readonly string[] =>
  Object.values(slices).flatMap((slice) => (slice.resetOnSignOut === 'all' ? [] : [...slice.resetOnSignOut.keep]));

/** Each slice back to its initial state, except the keys the registry says survive a sign-out. */
const signedOutState = (): Partial<DeskState> => {
  const kept = new Set(keptAtSignOut());
  return Object.fromEntries(
    Object.values(slices)
      .flatMap((slice) => entriesOf(slice.initialState))
      .filter(([key]) => !kept.has(key)),
  ) as Partial<DeskState>;
};

/** The caller's part of each slice back to its initial value, as the registry declares it for a new phone call. */
const phoneCallClearedState = (): Partial<DeskState> =>
  Object.fromEntries(
    Object.values(slices).flatMap((slice) => {
      const reset = 'resetOnNewPhoneCall' in slice ? slice.resetOnNewPhoneCall : undefined;
      if (reset === undefined) return [];
      const kept = new Set<string>(reset === 'all' ? [] : [...reset.keep]);
      return entriesOf(slice.initialState).filter(([key]) => !kept.has(key));
    }),
  ) as Partial<DeskState>;

/** Every slice's initial state, one object. */
const initialState = (): DeskState => Object.assign({}, ...Object.values(slices).map((slice) => slice.initialState)) as DeskState;

/**
 * One store built from the registry of slices, each with the same anatomy (initialState, commands,
 * selectors). Created per app with its dependencies rather than as a module singleton, so tests
 * build their own.
 */
export const createDeskStore = (deps: StoreDeps): DeskStoreApi =>
  createStore<DeskStore>()((...args) => {
    const core: StoreCore = { internal_signedOutState: signedOutState, internal_phoneCallClearedState: phoneCallClearedState };
    const commands = creators.map((create) => create(deps)(...args));
    return Object.assign(initialState(), core, ...commands) as DeskStore;
  });
