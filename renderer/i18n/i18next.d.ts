import type { Messages } from '../../shared/i18n';

// Typed keys: `t('no.such.key')` fails to compile in the renderer, before the runtime check catches it.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
