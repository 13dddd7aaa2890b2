import type { StateCreator } from 'zustand';
import type { StoreDeps } from './deps';

/**
 * A slice's commands, typed against the part of the store it reads and writes (`Needs`: its own
 * state and commands, and what it uses of other slices) rather than against the whole store. So a
 * slice imports no other slice's implementation, the registry (`slices.ts`) imports them all, and
 * the store's type is derived from the registry without an import circle. The store checks, where
 * it builds itself, that it offers every slice what that slice needs.
 */
export type SliceCreator<Needs, Commands> = (deps: StoreDeps) => StateCreator<Needs, [], [], Commands>;

/** What becomes of a slice's state when the agent signs out, or another agent's session replaces theirs. */
export type SignOutReset<State> =
  /** Everything goes back to its initial value: it belonged to the agent's session. */
  | 'all'
  /** These keys belong to the workstation, not to the agent, and survive; the rest go back to their initial value. */
  | { readonly keep: readonly (keyof State & string)[] };

/** One slice of the store, as the registry lists it. */
export interface Slice<State extends object, Needs, Commands> {
  readonly initialState: State;
  readonly create: SliceCreator<Needs, Commands>;
  readonly resetOnSignOut: SignOutReset<State>;
  /**
   * What of the slice is the caller's and goes when their phone call ends or the next one starts
   * (the same forms as at sign-out), so nothing of one caller is ever shown under another's name.
   * Absent: nothing of it is the caller's.
   */
  readonly resetOnNewPhoneCall?: SignOutReset<State>;
}

export const defineSlice = <State extends object, Needs, Commands>(slice: Slice<State, Needs, Commands>): Slice<State, Needs, Commands> => slice;

/** What the store itself offers the slices, beside their commands. */
export interface StoreCore {
  /**
   * The state as the sign-out leaves it, built from the registry: each slice back to its initial
   * value except what it declares it keeps. Spread into one `set` with the new session, so no
   * screen ever sees the store half reset.
   */
  internal_signedOutState(): object;
  /** The state as the end of a phone call leaves it: each slice's caller part back to its initial value (`resetOnNewPhoneCall`). */
  internal_phoneCallClearedState(): object;
}
