import { useTranslation } from 'react-i18next';
import { enSupervision } from '../../../shared/i18n/en-supervision';
import { jaSupervision } from '../../../shared/i18n/ja-supervision';

const NAMESPACE = 'supervision';

/**
 * The supervisors' messages, in their own namespace: added to the console's i18next the first time
 * one of their screens renders (they arrive with those screens' code), then read like any other.
 */
export const useSupervisionTranslation = () => {
  const { i18n } = useTranslation();
  if (!i18n.hasResourceBundle('ja', NAMESPACE)) i18n.addResourceBundle('ja', NAMESPACE, jaSupervision);
  if (!i18n.hasResourceBundle('en', NAMESPACE)) i18n.addResourceBundle('en', NAMESPACE, enSupervision);
  return useTranslation(NAMESPACE);
};
