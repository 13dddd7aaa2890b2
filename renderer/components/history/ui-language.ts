import type { i18n, TFunction } from 'i18next';
import type { Language } from '../../../shared/contract';
import type { Translate } from './describe-event';

/** The UI language as the formatters take it; i18next keeps it as a plain string. */
export const uiLanguage = (instance: i18n): Language => (instance.language === 'en' ? 'en' : 'ja');

/**
 * i18next's own types check interpolation values against one literal key; the sentence builder
 * picks keys from tables at run time, so it takes the plain (key, values) signature instead. The
 * keys are still MessageKey literals, and a missing one still shows up as a console error.
 */
export const translator = (t: TFunction): Translate => t as unknown as Translate;
