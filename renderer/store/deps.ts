import type { Language } from '../../shared/contract';
import type { Client } from '../services/client';

/** What store actions may reach outside the store. Handed in, so actions run in tests without a DOM. */
export interface StoreDeps {
  readonly client: Client;
  /** Switches the UI language (i18n and the document). */
  readonly applyLanguage: (language: Language) => Promise<void>;
  /** Forwards an unexpected error to main's log under the correlation id the agent sees. */
  readonly reportError: (error: unknown, correlationId: string) => void;
  readonly newCorrelationId: () => string;
}
