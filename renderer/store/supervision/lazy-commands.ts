import type { SliceCreator } from '../slice';

/** Commands that only ever run asynchronously, so they can wait for their code to arrive. */
type AsyncCommands<C> = { readonly [K in keyof C]: (...args: never[]) => Promise<void> };

/**
 * A slice's commands whose code is loaded the first time one of them runs: the first screen knows
 * only their names. For the supervisors' commands, which an agent never runs, so the agent's
 * console never downloads them. `names` lists every command (the type makes it complete); `load`
 * brings the real slice creator, which then runs with the store's own `set` and `get`.
 */
export const lazyCommands =
  <Needs, C extends AsyncCommands<C>>(names: { readonly [K in keyof C]: true }, load: () => Promise<SliceCreator<Needs, C>>): SliceCreator<Needs, C> =>
  (deps) =>
  (...store) => {
    let loading: Promise<C> | null = null;
    const real = (): Promise<C> => {
      loading ??= load().then(
        (create) => create(deps)(...store),
        (error: unknown) => {
          // A chunk that failed to arrive may arrive on the next try.
          loading = null;
          throw error;
        },
      );
      return loading;
    };
    const forward =
      (name: keyof C) =>
      async (...args: never[]): Promise<void> => {
        const commands = await real();
        const command = commands[name] as (...args: never[]) => Promise<void>;
        await command(...args);
      };
    return Object.fromEntries(Object.keys(names).map((name) => [name, forward(name as keyof C)])) as unknown as C;
  };
