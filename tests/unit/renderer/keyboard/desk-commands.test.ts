import type { TFunction } from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { deskCommands, shortcutTarget, type CommandContext } from '../../../../renderer/keyboard/desk-commands';
import { buildPolicy } from '../actions/builders';
import { buildCard, buildCardholder, buildSummary, buildToken, lookupStore } from '../lookup/builders';

/** The key itself, with the values that make it particular, so a test can read what a label names. */
const t = ((key: string, values?: Record<string, unknown>) => (values === undefined ? key : `${key} ${JSON.stringify(values)}`)) as unknown as TFunction;

const phone = { name: 'iPhone 15', type: 'PHONE', tokenStorageId: 'SE-PHONE' } as const;
const active = buildToken({ virtualCardId: 'VCACTIVE', issuerCardRefId: 'CRGOLD', device: phone });
const yellow = buildToken({
  virtualCardId: 'VCYELLOW',
  issuerCardRefId: 'CRCLSC',
  device: phone,
  state: 'INACTIVE',
  levelOfTrust: { decision: 'YELLOW', idvMethods: ['CUSTOMER_SERVICE'], reasons: [], decidedAt: '2026-11-01T00:00:00.000Z' },
});
const deleted = buildToken({ virtualCardId: 'VCDELETED', issuerCardRefId: 'CRPLAT', state: 'DELETED', device: { name: 'Old phone', type: 'PHONE', tokenStorageId: 'SE-OLD' } });

const setUp = () => {
  const { store } = lookupStore({});
  store.setState({
    openCardholderId: 'C0000001',
    cardholder: buildCardholder({ cards: [buildCard({ issuerCardRefId: 'CRGOLD' }), buildCard({ issuerCardRefId: 'CRCLSC', lastFour: '7347' }), buildCard({ issuerCardRefId: 'CRPLAT' })] }),
    cardTokens: {
      CRGOLD: { items: [active], status: 'ready', error: null, loadedAt: null },
      CRCLSC: { items: [yellow], status: 'ready', error: null, loadedAt: null },
      CRPLAT: { items: [deleted], status: 'ready', error: null, loadedAt: null },
    },
    actionPolicy: { status: 'ready', data: buildPolicy(), error: null },
    searchResults: [buildSummary(), buildSummary({ cardholderId: 'C0000002' })],
  });
  return store;
};

const context = (currentTokenId: string | null): CommandContext => ({ t, platform: 'Win32', currentTokenId, focusSearch: vi.fn(), openShortcuts: vi.fn() });

describe('the commands the workspace allows now', () => {
  it('offers for the keyboard’s token only what the transition table allows, with its shortcut', () => {
    const store = setUp();
    const onActive = deskCommands(store.getState(), context('VCACTIVE')).filter((command) => command.detail !== undefined);
    expect(onActive.map((command) => [command.command, command.shortcut])).toEqual([
      ['history', 'Alt+H'],
      ['suspend', 'Alt+S'],
      ['delete', 'Alt+D'],
    ]);
    const onYellow = deskCommands(store.getState(), context('VCYELLOW')).map((command) => command.command);
    expect(onYellow).toContain('activate');
    expect(onYellow).not.toContain('suspend');
    // No token under the keyboard and none selected: no token command at all.
    expect(deskCommands(store.getState(), context(null)).some((command) => command.detail !== undefined)).toBe(false);
  });

  it('lists each card and device with something left to act on, the lost device, the other search results, and runs the right one', () => {
    const store = setUp();
    const openBulk = vi.spyOn(store.getState(), 'openBulkAction');
    const commands = deskCommands(store.getState(), context('VCYELLOW'));
    expect(commands.filter((command) => command.command === 'bulkCard').map((command) => command.key)).toEqual(['bulkCard:CRGOLD', 'bulkCard:CRCLSC']);
    expect(commands.filter((command) => command.command === 'bulkDevice').map((command) => command.key)).toEqual(['bulkDevice:SE-PHONE']);
    expect(commands.some((command) => command.command === 'lostDevice')).toBe(true);
    // The open cardholder is not offered again.
    expect(commands.filter((command) => command.command === 'openCardholder').map((command) => command.key)).toEqual(['openCardholder:C0000002']);
    // Alt+C acts on the keyboard's token's card.
    shortcutTarget(commands, 'bulkCard')?.run();
    expect(openBulk).toHaveBeenCalledWith({ scope: { kind: 'CARD', issuerCardRefId: 'CRCLSC' }, cardLabel: expect.stringContaining('7347'), deviceName: null });
    // With no token to say which card, Alt+C does nothing rather than guess.
    expect(shortcutTarget(deskCommands(store.getState(), context(null)), 'bulkCard')).toBeUndefined();
  });

  it('says the language it switches to and hides deleted tokens once they are shown', () => {
    const store = setUp();
    const language = deskCommands(store.getState(), context(null)).filter((command) => command.command === 'language');
    expect(language.map((command) => command.key)).toEqual(['language:en']);
    store.setState({ tokenView: { ...store.getState().tokenView, showDeleted: true } });
    expect(deskCommands(store.getState(), context(null)).find((command) => command.command === 'showDeleted')?.label).toBe('keyboard.commands.hideDeleted');
  });
});
