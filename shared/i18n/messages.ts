import type { ja } from './ja';

/** The shape of a message catalogue: the same keys as `T`, every leaf a string. */
export type DeepStringRecord<T> = {
  readonly [K in keyof T]: T[K] extends string ? string : DeepStringRecord<T[K]>;
};

/** Every language's catalogue has exactly the keys of the Japanese one. */
export type Messages = DeepStringRecord<typeof ja>;

type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : LeafPaths<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A dotted key that names a message, e.g. `errors.transport`. */
export type MessageKey = LeafPaths<Messages>;
