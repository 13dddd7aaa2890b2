import type { TFunction } from 'i18next';
import type { Token } from '../../shared/api/model';
import { Language } from '../../shared/contract';
import type { TokenOperation } from '../../shared/domain/transitions';
import { languageLabelKey } from '../i18n/label-keys';
import { actionsSelectors, offeredOperations } from '../store/actions/selectors';
import { cardholderSelectors } from '../store/cardholder/selectors';
import type { DeskStore } from '../store/desk-store';
import { cardholderDevices } from '../tokens/devices';
import { KEYMAP, shortcutOf, type CommandId } from './keymap';

/** One thing the agent can do now, as the palette lists it and a shortcut runs it. */
export interface DeskCommand {
  /** Unique among the commands listed at once. */
  readonly key: string;
  readonly command: CommandId;
  readonly label: string;
  /** What it acts on, on a second line. */
  readonly detail?: string;
  /** The command's chord, written for this platform. */
  readonly shortcut?: string;
  /** Of several entries of one command (one per card), the one its shortcut runs: the keyboard's token's. */
  readonly current?: boolean;
  readonly run: () => void;
}

export interface CommandContext {
  readonly t: TFunction;
  readonly platform: string;
  /** The token the keyboard is on (its row has the focus), else the selected one, else null. */
  readonly currentTokenId: string | null;
  readonly focusSearch: () => void;
  readonly openShortcuts: () => void;
}

const TOKEN_OPERATIONS: Readonly<Record<TokenOperation, CommandId>> = { activate: 'activate', suspend: 'suspend', resume: 'resume', delete: 'delete' };

const labelOf = (id: CommandId): (typeof KEYMAP)[number]['label'] => {
  const entry = KEYMAP.find((candidate) => candidate.id === id);
  if (entry === undefined) throw new Error(`no keymap entry for ${id}`);
  return entry.label;
};

const findToken = (s: DeskStore, virtualCardId: string | null): Token | undefined =>
  virtualCardId === null ? undefined : cardholderSelectors.allTokens(s).find((token) => token.virtualCardId === virtualCardId);

/**
 * Everything the workspace allows now, in the UI language: what the transition table offers for the
 * keyboard's token, the cardholder's cards and devices, the search's results, and the general
 * commands. Built when the palette opens or a shortcut is pressed, from the store as it is then.
 */
export const deskCommands = (s: DeskStore, ctx: CommandContext): DeskCommand[] => {
  const { t, platform } = ctx;
  const command = (id: CommandId, run: () => void, extra: Partial<DeskCommand> = {}): DeskCommand => ({
    key: id,
    command: id,
    label: t(labelOf(id)),
    ...(shortcutOf(id, platform) !== undefined ? { shortcut: shortcutOf(id, platform) } : {}),
    run,
    ...extra,
  });
  const list: DeskCommand[] = [];

  // The phone call first: it is what the agent does at the start and the end of every caller.
  if (s.wrapUp === null) {
    if (s.phoneCall !== null) list.push(command('phoneCallEnd', () => s.endPhoneCall()));
    // The next caller: once the phone call is open, the search takes the keyboard (a wrap-up asked for first keeps it).
    const next = (): void => void s.startPhoneCall().then(ctx.focusSearch);
    list.push(s.phoneCall === null ? command('phoneCallStart', next) : command('phoneCallStart', next, { label: t('phoneCalls.bar.next') }));
  }

  // The keyboard's token: what the transition table lets the issuer do to it now, and its history.
  const token = findToken(s, ctx.currentTokenId ?? s.selectedVirtualCardId);
  if (token !== undefined) {
    const detail = t('keyboard.palette.tokenDetail', { wallet: token.tokenRequestor.name, lastFour: token.tokenLastFour, device: token.device.name ?? t('tokens.unnamedDevice') });
    // Reading first, deleting last: the palette's first entry is what Enter runs at once.
    list.push(command('history', () => s.selectToken(token.virtualCardId), { detail }));
    if (!actionsSelectors.busy(token.virtualCardId)(s)) {
      for (const operation of offeredOperations(token, actionsSelectors.policyData(s))) {
        list.push(command(TOKEN_OPERATIONS[operation], () => s.openTokenAction(operation, token), { detail }));
      }
    }
  }

  const cardholder = s.cardholder;
  if (cardholder !== null) {
    const devices = cardholderDevices(cardholderSelectors.allTokens(s));
    if (devices.length > 0) list.push(command('lostDevice', () => s.openDeviceChooser()));
    for (const card of cardholder.cards) {
      const tokens = s.cardTokens[card.issuerCardRefId]?.items ?? [];
      if (!tokens.some((candidate) => candidate.state !== 'DELETED')) continue;
      const cardLabel = t('cardholder.cardTitle', { product: card.productName, lastFour: card.lastFour });
      list.push(
        command('bulkCard', () => s.openBulkAction({ scope: { kind: 'CARD', issuerCardRefId: card.issuerCardRefId }, cardLabel, deviceName: null }), {
          key: `bulkCard:${card.issuerCardRefId}`,
          label: t('keyboard.commands.bulkCardItem', { card: cardLabel }),
          current: token?.issuerCardRefId === card.issuerCardRefId,
        }),
      );
    }
    for (const { device, live } of devices) {
      const deviceName = device.name ?? t('tokens.unnamedDevice');
      list.push(
        command(
          'bulkDevice',
          () => s.openBulkAction({ scope: { kind: 'DEVICE', cardholderId: cardholder.cardholderId, tokenStorageId: device.tokenStorageId }, cardLabel: null, deviceName }),
          { key: `bulkDevice:${device.tokenStorageId}`, label: t('keyboard.commands.bulkDeviceItem', { device: deviceName, count: live }), current: token?.device.tokenStorageId === device.tokenStorageId },
        ),
      );
    }
    const showDeleted = s.tokenView.showDeleted;
    list.push(command('showDeleted', () => s.setShowDeletedTokens(!showDeleted), { label: t(showDeleted ? 'keyboard.commands.hideDeleted' : 'keyboard.commands.showDeleted') }));
  }

  s.searchResults.forEach((result, index) => {
    if (result.cardholderId === s.openCardholderId) return;
    list.push(
      command('openCardholder', () => s.openSearchResult(index, { focus: true }), {
        key: `openCardholder:${result.cardholderId}`,
        label: t('keyboard.commands.openCardholderItem', { name: result.name.kanji ?? result.name.latin, id: result.cardholderId }),
      }),
    );
  });

  list.push(command('search', ctx.focusSearch));
  list.push(command('shortcuts', ctx.openShortcuts));
  for (const language of Language.options) {
    if (language === s.language) continue;
    list.push(command('language', () => void s.setLanguage(language), { key: `language:${language}`, label: t('keyboard.commands.languageTo', { language: t(languageLabelKey[language]) }) }));
  }
  list.push(command('lock', () => void s.lock()));
  return list;
};

/**
 * The entry a shortcut runs: the command's only entry, or of several (one per card, one per
 * device) the keyboard's token's. Undefined when the command is not possible now.
 */
export const shortcutTarget = (commands: readonly DeskCommand[], id: CommandId): DeskCommand | undefined => {
  const entries = commands.filter((entry) => entry.command === id);
  if (entries.length === 1) return entries[0];
  return entries.find((entry) => entry.current === true);
};
