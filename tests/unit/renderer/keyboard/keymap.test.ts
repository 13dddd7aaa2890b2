import { describe, expect, it } from 'vitest';
import { KEYMAP, chordLabel, commandForKey, matchesChord, type ChordEvent } from '../../../../renderer/keyboard/keymap';

const key = (overrides: Partial<ChordEvent>): ChordEvent => ({ key: 'k', code: 'KeyK', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, isComposing: false, ...overrides });

describe('the keymap', () => {
  it('declares each command once and no chord twice', () => {
    const ids = KEYMAP.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    const chords = KEYMAP.flatMap((entry) => (entry.chord === undefined ? [] : [chordLabel(entry.chord, 'Win32')]));
    expect(new Set(chords).size).toBe(chords.length);
  });

  it('matches Ctrl+K and ⌘K whatever the layout reports, and nothing with an extra modifier or during IME composition', () => {
    expect(commandForKey(key({ ctrlKey: true }), 'Win32')?.id).toBe('search');
    expect(commandForKey(key({ metaKey: true, key: 'K' }), 'MacIntel')?.id).toBe('search');
    expect(commandForKey(key({ ctrlKey: true, key: 'л' }), 'Linux x86_64')?.id).toBe('search');
    // Dvorak: the K letter on another key.
    expect(commandForKey(key({ ctrlKey: true, code: 'KeyV', key: 'k' }), 'Win32')?.id).toBe('search');
    expect(commandForKey(key({ ctrlKey: true, shiftKey: true }), 'Win32')).toBeUndefined();
    expect(commandForKey(key({ ctrlKey: true, altKey: true }), 'Win32')).toBeUndefined();
    expect(commandForKey(key({ ctrlKey: true, isComposing: true }), 'Win32')).toBeUndefined();
    expect(commandForKey(key({ metaKey: true }), 'Win32')).toBeUndefined();
    expect(commandForKey(key({ ctrlKey: true }), 'MacIntel')).toBeUndefined();
  });

  it('tells the palette, the shortcut list, a token action and a plain question mark apart', () => {
    expect(commandForKey(key({ ctrlKey: true, shiftKey: true, code: 'KeyP', key: 'P' }), 'Win32')?.id).toBe('palette');
    expect(commandForKey(key({ key: '?', code: 'Slash', shiftKey: true }), 'Win32')?.id).toBe('shortcuts');
    // ⌥S types "ß" on a Mac: the key's place still says S.
    expect(commandForKey(key({ altKey: true, code: 'KeyS', key: 'ß' }), 'MacIntel')?.id).toBe('suspend');
    expect(commandForKey(key({ altKey: true, code: 'KeyD', key: 'd' }), 'Win32')?.id).toBe('delete');
    expect(commandForKey(key({ altKey: true, shiftKey: true, code: 'KeyD', key: 'D' }), 'Win32')?.id).toBe('showDeleted');
    expect(commandForKey(key({ code: 'KeyS', key: 's' }), 'Win32')).toBeUndefined();
  });

  it('writes a chord as the platform does', () => {
    expect(chordLabel({ code: 'KeyP', mod: true, shift: true }, 'Win32')).toBe('Ctrl+Shift+P');
    expect(chordLabel({ code: 'KeyP', mod: true, shift: true }, 'MacIntel')).toBe('⌘⇧P');
    expect(chordLabel({ code: 'KeyL', alt: true }, 'Linux x86_64')).toBe('Alt+L');
    expect(chordLabel({ key: '?' }, 'MacIntel')).toBe('?');
    expect(matchesChord(key({ key: '?' }), { key: '?' }, 'Win32')).toBe(true);
  });
});
