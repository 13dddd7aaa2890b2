import type { Language } from '../../shared/contract';
import type { Client } from '../services/client';

/** What store commands may reach outside the store. Handed in, so commands run in tests without a DOM. */
export interface StoreDeps {
  readonly client: Client;
  /** Switches the UI language (i18n and the document). */
  readonly applyLanguage: (language: Language) => Promise<void>;
  /** Forwards an unexpected error to main's log under the correlation id the agent sees. */
  readonly reportError: (error: unknown, correlationId: string) => void;
  readonly newCorrelationId: () => string;
  /** A new action id (a UUID) for an action dialog; crypto.randomUUID() when absent. */
  readonly newActionId?: () => string;
  /**
   * Whether the window is on screen, so live re-fetches wait while it is hidden and catch up when
   * it is shown. Absent (tests, a window that cannot tell): always treated as visible.
   */
  readonly visibility?: WindowVisibility;
}

export interface WindowVisibility {
  isHidden(): boolean;
  /** Calls `listener` whenever the window becomes visible; returns the unsubscribe. */
  onVisible(listener: () => void): () => void;
}
