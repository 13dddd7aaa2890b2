import type { Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { searchShortcutLabel } from '../keyboard/search-shortcut';

/**
 * Where cardholder search lives. Focusable from code only (Ctrl+K / Cmd+K), so the shortcut has a
 * visible landing place; the search field itself joins it later.
 */
export const SearchRegion = ({ ref }: { ref: Ref<HTMLElement> }) => {
  const { t } = useTranslation();
  const shortcut = searchShortcutLabel(navigator.platform);
  return (
    <section
      id="search-region"
      ref={ref}
      className="search-region"
      tabIndex={-1}
      aria-label={t('search.regionLabel')}
      aria-keyshortcuts="Control+K Meta+K"
    >
      <p className="search-hint">
        <Trans i18nKey="search.shortcutHint" values={{ shortcut }} components={{ kbd: <kbd /> }} />
      </p>
    </section>
  );
};
