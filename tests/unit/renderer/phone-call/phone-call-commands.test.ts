import type { TFunction } from 'i18next';
import { expect, it, vi } from 'vitest';
import { deskCommands, shortcutTarget, type CommandContext } from '../../../../renderer/keyboard/desk-commands';
import { actionsStore, ok, settle } from '../actions/builders';
import { fakePhoneCallMain } from './fake-main';

/**
 * The phone call in the palette and on the keyboard (Ctrl+Shift+N, Ctrl+Shift+E): start one, or
 * with one open end it or take the next (both through its wrap-up); nothing while the wrap-up is open.
 */
const t = ((key: string) => key) as unknown as TFunction;

const setUp = () => {
  const main = fakePhoneCallMain();
  const built = actionsStore({ ...main.answers, 'phoneCall.outcomes': () => ok({ items: [{ code: 'NO_ACTION', label: { ja: '対応なし', en: 'No action' } }] }) });
  const focusSearch = vi.fn();
  const context: CommandContext = { t, platform: 'Win32', currentTokenId: null, focusSearch, openShortcuts: vi.fn() };
  const phoneCommands = () =>
    deskCommands(built.store.getState(), context)
      .filter((command) => command.command === 'phoneCallStart' || command.command === 'phoneCallEnd')
      .map((command) => ({ command: command.command, label: command.label, shortcut: command.shortcut }));
  return { ...built, context, focusSearch, phoneCommands };
};

it('with no phone call open, starts one and gives the keyboard to the search', async () => {
  const { store, calls, context, focusSearch, phoneCommands } = setUp();
  expect(phoneCommands()).toEqual([{ command: 'phoneCallStart', label: 'keyboard.commands.phoneCallStart', shortcut: 'Ctrl+Shift+N' }]);
  expect(shortcutTarget(deskCommands(store.getState(), context), 'phoneCallEnd')).toBeUndefined();
  shortcutTarget(deskCommands(store.getState(), context), 'phoneCallStart')?.run();
  await settle();
  expect(calls('phoneCall.start')).toHaveLength(1);
  expect(store.getState().phoneCall).not.toBeNull();
  expect(focusSearch).toHaveBeenCalledTimes(1);
});

it('with one open, ends it or takes the next, each through its wrap-up; while the wrap-up is open, neither is offered', async () => {
  const { store, calls, context, phoneCommands } = setUp();
  await store.getState().startPhoneCall();
  expect(phoneCommands()).toEqual([
    { command: 'phoneCallEnd', label: 'keyboard.commands.phoneCallEnd', shortcut: 'Ctrl+Shift+E' },
    { command: 'phoneCallStart', label: 'phoneCalls.bar.next', shortcut: 'Ctrl+Shift+N' },
  ]);

  shortcutTarget(deskCommands(store.getState(), context), 'phoneCallEnd')?.run();
  expect(store.getState().wrapUp).toMatchObject({ then: 'none' });
  expect(phoneCommands()).toEqual([]);
  store.getState().cancelWrapUp();

  shortcutTarget(deskCommands(store.getState(), context), 'phoneCallStart')?.run();
  await settle();
  expect(store.getState().wrapUp).toMatchObject({ then: 'next' });
  expect(calls('phoneCall.start')).toHaveLength(1);
  expect(calls('phoneCall.end')).toHaveLength(0);
});
