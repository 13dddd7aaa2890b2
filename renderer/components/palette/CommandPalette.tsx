import { Command } from 'cmdk';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageKey } from '../../../shared/i18n';
import type { DeskCommand } from '../../keyboard/desk-commands';
import { KEYMAP, type CommandGroup } from '../../keyboard/keymap';
import { KeyDialog } from './KeyDialog';
import './palette.css';

const GROUPS: readonly { readonly id: CommandGroup; readonly heading: MessageKey }[] = [
  { id: 'token', heading: 'keyboard.groups.token' },
  { id: 'cardholder', heading: 'keyboard.groups.cardholder' },
  { id: 'general', heading: 'keyboard.groups.general' },
];

const groupOf = (command: DeskCommand): CommandGroup => KEYMAP.find((entry) => entry.id === command.command)?.group ?? 'general';

interface CommandPaletteProps {
  readonly commands: readonly DeskCommand[];
  /** Closed: with the command chosen, or without (Escape). */
  readonly onDone: (chosen?: DeskCommand) => void;
}

/**
 * Every command the workspace allows now, in the UI language with its shortcut, filtered as the
 * agent types; the arrows move, Enter runs, Escape closes. cmdk keeps the list, the filter and the
 * active option in step (ARIA combobox and listbox); it is loaded on first use, so it costs the
 * agent's first screen nothing.
 */
const CommandPalette = ({ commands, onDone }: CommandPaletteProps) => {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const choose = (command: DeskCommand): void => {
    dialog.current?.close();
    onDone(command);
  };
  return (
    <KeyDialog label={t('keyboard.palette.title')} testId="command-palette" className="palette-dialog" dialogRef={dialog} onClose={() => onDone()}>
      <Command label={t('keyboard.palette.title')} loop className="palette">
        <Command.Input className="palette-input" placeholder={t('keyboard.palette.placeholder')} autoFocus data-testid="palette-input" />
        <Command.List className="palette-list" label={t('keyboard.palette.listLabel')}>
          <Command.Empty className="palette-empty">{t('keyboard.palette.empty')}</Command.Empty>
          {GROUPS.map(({ id, heading }) => {
            const entries = commands.filter((command) => groupOf(command) === id);
            if (entries.length === 0) return null;
            return (
              <Command.Group key={id} heading={t(heading)} className="palette-group">
                {entries.map((command) => (
                  <Command.Item
                    key={command.key}
                    value={command.key}
                    keywords={[command.label, command.detail ?? '', command.shortcut ?? '']}
                    className="palette-item"
                    data-command={command.command}
                    data-testid="palette-item"
                    onSelect={() => choose(command)}
                  >
                    <span className="palette-item-text">
                      <span className="palette-item-label">{command.label}</span>
                      {command.detail !== undefined ? <span className="palette-item-detail">{command.detail}</span> : null}
                    </span>
                    {command.shortcut !== undefined ? <kbd className="palette-item-key">{command.shortcut}</kbd> : null}
                  </Command.Item>
                ))}
              </Command.Group>
            );
          })}
        </Command.List>
      </Command>
      <p className="palette-hint">{t('keyboard.palette.hint')}</p>
    </KeyDialog>
  );
};

export default CommandPalette;
