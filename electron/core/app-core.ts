import type { AppMode } from '../../shared/contract';
import { createEventBus, type EventBus } from './events/event-bus';
import type { Services } from './ipc/dispatch';
import type { Logger } from './logging/logger';
import { openSettingsStore, type SettingsStore } from './settings/settings-store';

export interface CoreOptions {
  readonly userDataDir: string;
  readonly version: string;
  readonly logger: Logger;
}

export interface Core {
  readonly services: Services;
  readonly events: EventBus;
  readonly settings: SettingsStore;
  readonly logger: Logger;
  readonly mode: AppMode;
}

export const PRODUCT_NAME = 'Token Desk';

/**
 * The composition root of the plain-Node services. Main wires it to IPC; the test bridge wires the
 * very same object to HTTP, so browser tests exercise real core code.
 */
export const createCore = async (options: CoreOptions): Promise<Core> => {
  const { logger } = options;
  const events = createEventBus(logger);
  const settings = await openSettingsStore(options.userDataDir, logger);
  // No backend can be configured yet (the backend-connection issue adds it): training until then.
  const mode: AppMode = 'training';

  const services: Services = {
    'app.info': () => ({
      name: PRODUCT_NAME,
      version: options.version,
      mode,
      locale: settings.get().language,
    }),
    'settings.get': () => settings.get(),
    'settings.set': async (input) => {
      const saved = await settings.set({ ...settings.get(), ...input });
      events.emit('settings.changed', saved);
      return saved;
    },
    'log.rendererError': (input, context) => {
      logger.error(
        { source: 'renderer', kind: input.source, correlationId: input.correlationId ?? context.correlationId, stack: input.stack },
        input.message,
      );
      return { logged: true as const };
    },
  };

  return { services, events, settings, logger, mode };
};
