import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchFeedback } from './search/SearchFeedback';
import { SearchField } from './search/SearchField';
import { SearchResults } from './search/SearchResults';

/**
 * Cardholder search: one field that works out what kind of query it was given, the results under
 * it as a list the arrow keys move through (the field is a combobox), and the refusal of a full
 * card number. `ref` is the field, where Ctrl+K / Cmd+K lands.
 */
export const SearchRegion = ({ ref }: { ref: Ref<HTMLInputElement> }) => {
  const { t } = useTranslation();
  return (
    <section id="search-region" className="search-region" role="search" aria-label={t('search.regionLabel')}>
      <SearchField ref={ref} />
      <SearchFeedback />
      <SearchResults />
    </section>
  );
};
