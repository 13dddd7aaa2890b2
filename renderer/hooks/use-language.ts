import type { Language } from '../../shared/contract';
import { settingsSelectors } from '../store/settings/selectors';
import { useDeskStore } from '../store/store-context';

/** The UI language, which also decides how times and lists are written. */
export const useLanguage = (): Language => useDeskStore(settingsSelectors.language);
