import { lazy, Suspense, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { deskCommands, shortcutTarget, type CommandContext, type DeskCommand } from '../../keyboard/desk-commands';
import { focusedTokenId, focusSearch, modalOpen } from '../../keyboard/focus';
import { commandForKey, currentPlatform } from '../../keyboard/keymap';
import { isTextEntry } from '../../keyboard/text-entry';
import { sessionSelectors } from '../../store/session/selectors';
import { useDeskStore, useDeskStoreApi } from '../../store/store-context';
import { ShortcutList } from './ShortcutList';

// cmdk and what it brings are loaded on first use: the agent's first screen does not wait for them.
const CommandPalette = lazy(() => import('./CommandPalette'));

type Open = { readonly kind: 'none' } | { readonly kind: 'palette'; readonly commands: readonly DeskCommand[] } | { readonly kind: 'shortcuts' };

/**
 * The workspace's keyboard: the one keymap's shortcuts (window-wide, never inside a text field but
 * for the ways to search and to the palette, never while a dialog is open or the screen is locked),
 * the command palette and the shortcut list. Closing either puts the focus back where it was, so
 * the command chosen acts from there (a dialog it opens returns there too).
 */
export const KeyboardLayer = ({ searchRef, enabled }: { searchRef: RefObject<HTMLInputElement | null>; enabled: boolean }) => {
  const { t } = useTranslation();
  const store = useDeskStoreApi();
  const locked = useDeskStore(sessionSelectors.isLocked);
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const previous = useRef<HTMLElement | null>(null);

  const remember = (): void => {
    previous.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  };
  const restore = (): void => {
    const element = previous.current;
    previous.current = null;
    if (element?.isConnected === true) element.focus();
  };

  const context = useCallback(
    (currentTokenId: string | null): CommandContext => ({
      t,
      platform: currentPlatform(),
      currentTokenId,
      focusSearch: () => focusSearch(searchRef.current),
      openShortcuts: () => {
        remember();
        setOpen({ kind: 'shortcuts' });
      },
    }),
    [t, searchRef],
  );

  useEffect(() => {
    if (!enabled || locked) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.repeat) return;
      const entry = commandForKey(event, currentPlatform());
      if (entry === undefined || modalOpen()) return;
      if (entry.inTextFields !== true && isTextEntry(event.target)) return;
      const commands = deskCommands(store.getState(), context(focusedTokenId()));
      if (entry.id === 'palette') {
        event.preventDefault();
        remember();
        setOpen({ kind: 'palette', commands });
        return;
      }
      const target = shortcutTarget(commands, entry.id);
      if (target === undefined) return;
      event.preventDefault();
      target.run();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, locked, store, context]);

  const close = (chosen?: DeskCommand): void => {
    // The dialog is closed already (the page is no longer inert): the focus can go back, then the command acts from there.
    restore();
    setOpen({ kind: 'none' });
    chosen?.run();
  };

  if (open.kind === 'shortcuts') return <ShortcutList onClose={() => close()} />;
  if (open.kind === 'palette') {
    return (
      <Suspense fallback={null}>
        <CommandPalette commands={open.commands} onDone={close} />
      </Suspense>
    );
  }
  return null;
};
