import type { Messages } from '../../shared/i18n';
import type { SupervisionMessages } from '../../shared/i18n/ja-supervision';

// Typed keys: `t('no.such.key')` fails to compile in the renderer, before the runtime check catches it.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    // The supervisors' namespace is added when their screens load (components/supervision).
    resources: { translation: Messages; supervision: SupervisionMessages };
  }
}
