// First: it configures zod before any schema is built (see the module).
import './zod-jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './components/App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { applyLanguage } from './i18n/apply-language';
import { createConsoleI18n } from './i18n/create-i18n';
import { createClient } from './services/client';
import { newCorrelationId } from './services/correlation-id';
import { createErrorReporter, installGlobalErrorReporting } from './services/error-reporter';
import { createDeskStore } from './store/desk-store';
import { routeEvents } from './store/event-router';
import { DeskStoreProvider } from './store/store-context';
import { chooseTransport } from './transport/choose-transport';
import './styles/theme.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/screens.css';
import './styles/lookup.css';
import './styles/tokens.css';

const transport = chooseTransport();
// The reporter sends through the client and the client reports through the reporter; both only
// use the other once the page is running, by which time both exist.
const reporter = createErrorReporter((report) => client.call('log.rendererError', report));
const client = createClient(transport, {
  onLocalFailure: (name, error) =>
    reporter.report({ source: 'call', error: `${name} failed: ${error.code}`, correlationId: error.correlationId }),
});
installGlobalErrorReporting(window, reporter);

// Japanese until main says otherwise: the first screen (loading, or an error) needs text already.
const i18n = createConsoleI18n();
document.documentElement.lang = 'ja';

const store = createDeskStore({
  client,
  applyLanguage: (language) => applyLanguage(i18n, language),
  reportError: (error, correlationId) => reporter.report({ source: 'call', error, correlationId }),
  newCorrelationId,
  visibility: {
    isHidden: () => document.hidden,
    onVisible: (listener) => {
      const onChange = (): void => {
        if (!document.hidden) listener();
      };
      document.addEventListener('visibilitychange', onChange);
      return () => document.removeEventListener('visibilitychange', onChange);
    },
  },
});
routeEvents(client, store);
void store.getState().boot();

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root');

createRoot(container, {
  onUncaughtError: (error, info) => reporter.report({ source: 'react', error, stack: info.componentStack ?? undefined }),
}).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <DeskStoreProvider store={store}>
        <ErrorBoundary onError={(error, componentStack) => reporter.report({ source: 'react', error, stack: componentStack })}>
          <App />
        </ErrorBoundary>
      </DeskStoreProvider>
    </I18nextProvider>
  </StrictMode>,
);
