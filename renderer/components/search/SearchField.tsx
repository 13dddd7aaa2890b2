import { useEffect, useRef, type KeyboardEvent, type Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { searchKindLabelKey } from '../../i18n/lookup-label-keys';
import { currentPlatform, shortcutOf } from '../../keyboard/keymap';
import { searchSelectors } from '../../store/search/selectors';
import { useDeskStore } from '../../store/store-context';

/** The ids the combobox refers to; the list lives in SearchResults. */
export const SEARCH_LIST_ID = 'search-results';
const EXAMPLES_ID = 'search-examples';
const KIND_ID = 'search-kind';

/** Kept well below the contract's 100: no legitimate query is longer, and a paste of a page is not a query. */
const MAX_QUERY_LENGTH = 100;

export const SearchField = ({ ref }: { ref: Ref<HTMLInputElement> }) => {
  const { t } = useTranslation();
  const text = useDeskStore(searchSelectors.text);
  const kind = useDeskStore(searchSelectors.typedKind);
  const listShown = useDeskStore(searchSelectors.showList);
  const activeOptionId = useDeskStore(searchSelectors.activeOptionId);
  const setSearchText = useDeskStore((s) => s.setSearchText);
  const submitSearch = useDeskStore((s) => s.submitSearch);
  const moveSearchActive = useDeskStore((s) => s.moveSearchActive);
  const closeSearchList = useDeskStore((s) => s.closeSearchList);
  // An IME composing Japanese sends every intermediate reading; those are shown but not searched.
  const composing = useRef(false);
  const platform = currentPlatform();

  // The workspace has just appeared (signed in, unlocked into it) with the focus nowhere: the next thing to type is a search.
  useEffect(() => {
    if (document.activeElement === null || document.activeElement === document.body) document.getElementById('search-input')?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // Enter and the arrows belong to the IME while it composes (choosing a kanji, confirming it).
    if (event.nativeEvent.isComposing || composing.current) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        moveSearchActive('next');
        break;
      case 'ArrowUp':
        event.preventDefault();
        moveSearchActive('previous');
        break;
      case 'PageDown':
        event.preventDefault();
        moveSearchActive('last');
        break;
      case 'PageUp':
        event.preventDefault();
        moveSearchActive('first');
        break;
      case 'Enter':
        event.preventDefault();
        submitSearch();
        break;
      case 'Escape':
        if (listShown) {
          event.preventDefault();
          closeSearchList();
        }
        break;
    }
  };

  return (
    <div className="search-field">
      <div className="search-label-row">
        <label htmlFor="search-input" className="search-label">
          {t('search.fieldLabel')}
        </label>
        <span className="search-hint">
          <Trans i18nKey="keyboard.shortcuts.bar" values={{ search: shortcutOf('search', platform), palette: shortcutOf('palette', platform) }} components={{ kbd: <kbd /> }} />
        </span>
      </div>
      <div className="search-input-row">
        <input
          id="search-input"
          ref={ref}
          className="search-input"
          type="text"
          role="combobox"
          aria-expanded={listShown}
          aria-controls={SEARCH_LIST_ID}
          aria-autocomplete="list"
          aria-activedescendant={listShown ? activeOptionId : undefined}
          aria-describedby={`${KIND_ID} ${EXAMPLES_ID}`}
          aria-keyshortcuts="Control+K Meta+K"
          placeholder={t('search.placeholder')}
          value={text}
          maxLength={MAX_QUERY_LENGTH}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setSearchText(event.target.value, { composing: composing.current })}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(event) => {
            composing.current = false;
            setSearchText(event.currentTarget.value);
          }}
          onKeyDown={onKeyDown}
        />
        <span id={KIND_ID} className="search-kind" data-kind={kind ?? 'none'} data-testid="search-kind" aria-live="polite">
          {kind !== null && kind !== 'UNRECOGNISED' ? t(searchKindLabelKey[kind]) : null}
        </span>
      </div>
      <p id={EXAMPLES_ID} className="search-examples">
        {t('search.examples')}
      </p>
    </div>
  );
};
