import { Fragment, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../../../shared/i18n';
import { KEYMAP, MOVEMENT_KEYS, chordLabel, currentPlatform, shortcutOf, type CommandGroup } from '../../keyboard/keymap';
import { KeyDialog } from './KeyDialog';
import './palette.css';

const GROUPS: readonly { readonly id: CommandGroup; readonly heading: MessageKey }[] = [
  { id: 'general', heading: 'keyboard.groups.general' },
  { id: 'cardholder', heading: 'keyboard.groups.cardholder' },
  { id: 'token', heading: 'keyboard.groups.tokenKeys' },
];

/** Every shortcut, from the one keymap, grouped as the palette groups them; `?` opens it. */
export const ShortcutList = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation();
  const platform = currentPlatform();
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <KeyDialog label={t('keyboard.shortcuts.title')} testId="shortcut-list" className="shortcut-dialog" dialogRef={dialog} onClose={onClose}>
      <header className="shortcut-header">
        <h2>{t('keyboard.shortcuts.title')}</h2>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            dialog.current?.close();
            onClose();
          }}
          autoFocus
        >
          {t('keyboard.shortcuts.close')}
        </button>
      </header>
      <p className="hint">{t('keyboard.shortcuts.intro', { search: shortcutOf('search', platform), palette: shortcutOf('palette', platform) })}</p>
      <div className="shortcut-columns">
        {GROUPS.map(({ id, heading }) => (
          <section key={id} className="shortcut-group" aria-labelledby={`shortcut-group-${id}`}>
            <h3 id={`shortcut-group-${id}`}>{t(heading)}</h3>
            <dl className="shortcut-table">
              {KEYMAP.filter((entry) => entry.group === id).map((entry) => (
                <Fragment key={entry.id}>
                  <dt data-testid="shortcut-keys" data-command={entry.id}>
                    {entry.chord !== undefined ? <kbd>{chordLabel(entry.chord, platform)}</kbd> : <span className="cell-muted">{t('keyboard.shortcuts.paletteOnly')}</span>}
                  </dt>
                  <dd>{t(entry.label)}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
        <section className="shortcut-group" aria-labelledby="shortcut-group-movement">
          <h3 id="shortcut-group-movement">{t('keyboard.groups.movement')}</h3>
          <dl className="shortcut-table">
            {MOVEMENT_KEYS.map((entry) => (
              <Fragment key={entry.keys}>
                <dt>
                  <kbd>{entry.keys}</kbd>
                </dt>
                <dd>{t(entry.label)}</dd>
              </Fragment>
            ))}
          </dl>
        </section>
      </div>
    </KeyDialog>
  );
};
