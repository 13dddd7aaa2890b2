import { z } from 'zod';

/** The UI languages. Japanese first: the agents work in Japanese. */
export const Language = z.enum(['ja', 'en']);
export type Language = z.infer<typeof Language>;

export const AppMode = z.enum(['training', 'connected']);
export type AppMode = z.infer<typeof AppMode>;
