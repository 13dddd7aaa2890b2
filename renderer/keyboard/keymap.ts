import type { MessageKey } from '../../shared/i18n';

/**
 * Every keyboard command of the workspace, declared once: the key handler, the command palette's
 * labels and the shortcut list all read this table, so a key shown is a key that works.
 *
 * The keys follow what agents know from desktop software: Ctrl+K goes to search, Ctrl+Shift+P
 * opens the command palette (as in VS Code; Ctrl+P would be "print" to many), `?` lists the
 * shortcuts, Escape closes, Enter confirms, the arrows move. Token commands use Alt with a letter,
 * away from the letters of the Windows menu bar (File, Edit, View, Window) and from Ctrl, which
 * belongs to editing (copy, paste, undo) in the fields the agent types in.
 */
export type CommandId =
  | 'phoneCallStart'
  | 'phoneCallEnd'
  | 'palette'
  | 'search'
  | 'shortcuts'
  | 'openCardholder'
  | 'activate'
  | 'suspend'
  | 'resume'
  | 'delete'
  | 'history'
  | 'bulkCard'
  | 'bulkDevice'
  | 'lostDevice'
  | 'showDeleted'
  | 'lock'
  | 'language';

/**
 * A key combination. Letters and digits are matched by `code` (the key's place), so a Japanese
 * layout or an IME state that changes `key` still matches; punctuation by `key`, since `?` sits
 * on different keys in different layouts. `mod` is Ctrl, or ⌘ on a Mac.
 */
export interface Chord {
  readonly code?: string;
  readonly key?: string;
  readonly mod?: boolean;
  readonly shift?: boolean;
  readonly alt?: boolean;
}

export type CommandGroup = 'general' | 'cardholder' | 'token';

export interface KeymapEntry {
  readonly id: CommandId;
  readonly group: CommandGroup;
  /** The command's name in the palette and the shortcut list. */
  readonly label: MessageKey;
  /** None: the palette is the way to it. */
  readonly chord?: Chord;
  /** Also while the focus is in a text field: only the ways out of one (to search, to the palette, to the phone call's end or the next one). */
  readonly inTextFields?: boolean;
}

export const KEYMAP: readonly KeymapEntry[] = [
  // A phone call begins and ends every piece of work: Ctrl+Shift with N(ext) and E(nd), free in Electron and on every platform.
  // They work from the search and the notes too, where the agent is when the caller hangs up; neither edits text.
  { id: 'phoneCallStart', group: 'general', label: 'keyboard.commands.phoneCallStart', chord: { code: 'KeyN', mod: true, shift: true }, inTextFields: true },
  { id: 'phoneCallEnd', group: 'general', label: 'keyboard.commands.phoneCallEnd', chord: { code: 'KeyE', mod: true, shift: true }, inTextFields: true },
  { id: 'palette', group: 'general', label: 'keyboard.commands.palette', chord: { code: 'KeyP', mod: true, shift: true }, inTextFields: true },
  { id: 'search', group: 'general', label: 'keyboard.commands.search', chord: { code: 'KeyK', mod: true }, inTextFields: true },
  { id: 'shortcuts', group: 'general', label: 'keyboard.commands.shortcuts', chord: { key: '?' } },
  { id: 'lock', group: 'general', label: 'keyboard.commands.lock', chord: { code: 'KeyL', mod: true, shift: true } },
  { id: 'language', group: 'general', label: 'keyboard.commands.language' },
  { id: 'openCardholder', group: 'cardholder', label: 'keyboard.commands.openCardholder' },
  { id: 'lostDevice', group: 'cardholder', label: 'keyboard.commands.lostDevice', chord: { code: 'KeyL', alt: true } },
  { id: 'bulkDevice', group: 'cardholder', label: 'keyboard.commands.bulkDevice' },
  { id: 'bulkCard', group: 'cardholder', label: 'keyboard.commands.bulkCard', chord: { code: 'KeyC', alt: true } },
  { id: 'showDeleted', group: 'cardholder', label: 'keyboard.commands.showDeleted', chord: { code: 'KeyD', alt: true, shift: true } },
  { id: 'history', group: 'token', label: 'keyboard.commands.history', chord: { code: 'KeyH', alt: true } },
  { id: 'activate', group: 'token', label: 'keyboard.commands.activate', chord: { code: 'KeyA', alt: true } },
  { id: 'suspend', group: 'token', label: 'keyboard.commands.suspend', chord: { code: 'KeyS', alt: true } },
  { id: 'resume', group: 'token', label: 'keyboard.commands.resume', chord: { code: 'KeyR', alt: true } },
  { id: 'delete', group: 'token', label: 'keyboard.commands.delete', chord: { code: 'KeyD', alt: true } },
];

/** Keys every list and dialog answers to; shown in the shortcut list, handled where they apply. */
export const MOVEMENT_KEYS: readonly { readonly keys: string; readonly label: MessageKey }[] = [
  { keys: '↑ ↓', label: 'keyboard.movement.arrows' },
  { keys: 'Enter', label: 'keyboard.movement.enter' },
  { keys: 'Esc', label: 'keyboard.movement.escape' },
  { keys: 'Tab', label: 'keyboard.movement.tab' },
  { keys: 'Ctrl+Enter', label: 'keyboard.movement.submit' },
  { keys: '1–9 · Y / N', label: 'keyboard.movement.optionD' },
];

export type ChordEvent = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'isComposing'>;

const isMac = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);

/** Whether `event` is exactly `chord` (no extra modifier), on this platform. */
export const matchesChord = (event: ChordEvent, chord: Chord, platform: string): boolean => {
  if (event.isComposing) return false;
  const mod = isMac(platform) ? event.metaKey : event.ctrlKey;
  const otherMod = isMac(platform) ? event.ctrlKey : event.metaKey;
  if (mod !== (chord.mod ?? false) || otherMod || event.altKey !== (chord.alt ?? false)) return false;
  if (chord.key !== undefined) return event.key === chord.key;
  if (event.shiftKey !== (chord.shift ?? false) || chord.code === undefined) return false;
  // The place of the key, or the letter it types (a Dvorak layout puts K elsewhere); ⌥ on a Mac changes the letter, not the place.
  const letter = /^Key([A-Z])$/.exec(chord.code)?.[1]?.toLowerCase();
  return event.code === chord.code || (letter !== undefined && event.key.toLowerCase() === letter);
};

/** The command `event` asks for, if any. */
export const commandForKey = (event: ChordEvent, platform: string): KeymapEntry | undefined =>
  KEYMAP.find((entry) => entry.chord !== undefined && matchesChord(event, entry.chord, platform));

/** The key's name as printed on it: "K", "P", "?". */
const keyName = (chord: Chord): string => chord.key ?? chord.code?.replace(/^(Key|Digit)/, '') ?? '';

/** How to write a chord for this platform: "Ctrl+Shift+P" elsewhere, "⌘⇧P" on a Mac. */
export const chordLabel = (chord: Chord, platform: string): string => {
  if (isMac(platform)) return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${keyName(chord)}`;
  return [chord.mod ? 'Ctrl' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, keyName(chord)].filter((part) => part !== null).join('+');
};

/** The chord of a command, written for this platform; undefined when it has none. */
export const shortcutOf = (id: CommandId, platform: string): string | undefined => {
  const chord = KEYMAP.find((entry) => entry.id === id)?.chord;
  return chord === undefined ? undefined : chordLabel(chord, platform);
};

/** A command's chord as aria-keyshortcuts writes it ("Alt+L", "Control+Shift+P"), for assistive technology. */
export const ariaKeyShortcuts = (id: CommandId): string | undefined => {
  const chord = KEYMAP.find((entry) => entry.id === id)?.chord;
  if (chord === undefined) return undefined;
  return [chord.mod ? 'Control' : null, chord.alt ? 'Alt' : null, chord.shift ? 'Shift' : null, keyName(chord)].filter((part) => part !== null).join('+');
};

/** The platform name for the chords; a server render (tests) has no navigator. */
export const currentPlatform = (): string => (typeof navigator === 'undefined' ? '' : navigator.platform);
