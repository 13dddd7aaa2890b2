/// <reference types="vite/client" />
// First, as in the console: zod must not probe for eval under the CSP.
import '../../../renderer/zod-jitless';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { TokenEvent } from '../../../shared/api/model';
import type { CallOutput, Result } from '../../../shared/contract';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { createClient } from '../../../renderer/services/client';
import { createHttpTransport } from '../../../renderer/transport/http-transport';
import { FullHistory } from './FullHistory';
import '../../../renderer/styles/theme.css';
import '../../../renderer/styles/base.css';
import '../../../renderer/styles/components.css';
import '../../../renderer/styles/forms.css';
import '../../../renderer/components/history/history.css';

/**
 * The bench's baseline page (built and served by the bench only): fetches a token's whole history
 * through the bridge, as the console does, and renders it without virtualization. The bench drives
 * it through `window.tokenDeskBench`.
 */
export interface BaselineApi {
  /** Fetches every page (200 events each); returns how many events and how long it took. */
  fetchAll(virtualCardId: string): Promise<{ count: number; ms: number }>;
  /** Renders all fetched rows in a box of the given size; resolves with the time to the first rows in the DOM and to the next frame. */
  renderAll(width: number, height: number): Promise<{ domMs: number; frameMs: number; rows: number }>;
}

declare global {
  interface Window {
    tokenDeskBench?: BaselineApi;
  }
}

const client = createClient(createHttpTransport());
const i18n = createI18n('ja');
const container = document.getElementById('root');
if (container === null) throw new Error('no #root');
const root = createRoot(container);
let events: TokenEvent[] = [];

const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

window.tokenDeskBench = {
  fetchAll: async (virtualCardId) => {
    const started = performance.now();
    const all: TokenEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Result<CallOutput<'tokens.events'>> = await client.call('tokens.events', cursor === null ? { virtualCardId, limit: 200 } : { virtualCardId, limit: 200, cursor });
      if (!page.ok) throw new Error(`tokens.events failed: ${page.error.code} (${page.error.correlationId})`);
      all.push(...page.data.items);
      cursor = page.data.nextCursor;
    } while (cursor !== null);
    events = all;
    return { count: all.length, ms: performance.now() - started };
  },

  renderAll: (width, height) =>
    new Promise((resolve) => {
      container.style.width = `${width}px`;
      container.style.setProperty('--history-height', `${height}px`);
      const started = performance.now();
      const observer = new MutationObserver(() => {
        if (container.querySelector('[data-testid="history-row"]') === null) return;
        observer.disconnect();
        const domMs = performance.now() - started;
        void nextFrame().then(() => resolve({ domMs, frameMs: performance.now() - started, rows: container.querySelectorAll('[data-testid="history-row"]').length }));
      });
      observer.observe(container, { childList: true, subtree: true });
      root.render(
        <I18nextProvider i18n={i18n}>
          <FullHistory events={events} now={Date.now()} />
        </I18nextProvider>,
      );
    }),
};
document.documentElement.dataset.benchReady = 'true';
