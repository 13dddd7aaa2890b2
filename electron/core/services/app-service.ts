import type { AppMode } from '../../../shared/contract';
import type { EventBus } from '../events/event-bus';
import type { Services } from '../ipc/dispatch';
import type { Logger } from '../logging/logger';
import { logRateLimit, type LogRateLimits } from '../logging/log-rate-limit';
import type { SettingsStore } from '../settings/settings-store';

type AppCalls = Pick<Services, 'app.info' | 'settings.get' | 'settings.set' | 'log.rendererError'>;

const PRODUCT_NAME = 'Token Desk';

export interface AppServiceOptions {
  readonly version: string;
  readonly mode: AppMode;
  readonly settings: SettingsStore;
  readonly events: EventBus;
  readonly logger: Logger;
  /** How many renderer error reports the log takes; the defaults unless a test needs others. */
  readonly rendererReports?: LogRateLimits;
}

/** The product, the agent's own settings, and the renderer's error reports. */
export const appService = ({ version, mode, settings, events, logger, rendererReports }: AppServiceOptions): AppCalls => {
  const reports = logRateLimit(
    logger,
    { source: 'renderer', droppedMessage: 'renderer error reports dropped: too many in a short time' },
    rendererReports,
  );
  return {
    'app.info': () => ({ name: PRODUCT_NAME, version, mode, locale: settings.get().language }),
    'settings.get': () => settings.get(),
    'settings.set': async (input) => {
      const saved = await settings.set({ ...settings.get(), ...input });
      events.emit('settings.changed', saved);
      return saved;
    },
    'log.rendererError': (input, context) => {
      // Dropped reports are counted and summarised in one line once the burst ends.
      if (!reports.admit(context.caller)) return { logged: false };
      logger.error(
        { source: 'renderer', kind: input.source, correlationId: input.correlationId ?? context.correlationId, stack: input.stack },
        input.message,
      );
      return { logged: true };
    },
  };
};
