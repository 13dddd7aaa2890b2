import type { SearchResult } from '../../shared/api/endpoints';
import type { ClassifiedQuery, SearchQueryKind } from '../../shared/domain/search-query';
import { decodeCursor, encodeCursor } from './cursor';
import type { CardholderRecord } from './state';
import type { SandboxStore } from './store';
import { cardholderSummary } from './views';

export type SearchableQuery = Extract<ClassifiedQuery, { kind: SearchQueryKind }>;

const nameMatches = (store: SandboxStore, holder: CardholderRecord, name: string): boolean =>
  store.nameKeysOf(holder).some((key) => key.includes(name));

/** Every cardholder the query finds, in cardholder-id order. */
const matches = (store: SandboxStore, query: SearchableQuery): CardholderRecord[] => {
  const all = [...store.cardholders.values()];
  switch (query.kind) {
    case 'NAME':
      return all.filter((holder) => nameMatches(store, holder, query.name));
    case 'NAME_AND_LAST_FOUR':
      // The lost-phone call: the name and the last four digits of the funding card (MDES use case).
      return all.filter(
        (holder) => nameMatches(store, holder, query.name) && store.cardsOf(holder.cardholderId).some((card) => card.lastFour === query.lastFour),
      );
    case 'CUSTOMER_ID': {
      const holder = store.cardholders.get(query.value);
      return holder ? [holder] : [];
    }
    case 'ISSUER_CARD_REF_ID': {
      const card = store.cards.get(query.value);
      const holder = card && store.cardholders.get(card.cardholderId);
      return holder ? [holder] : [];
    }
    case 'VIRTUAL_CARD_ID': {
      const token = store.findToken(query.value);
      const holder = token && store.cardholders.get(token.cardholderId);
      return holder ? [holder] : [];
    }
    case 'TOKEN_LAST_FOUR': {
      const ids = store.cardholdersWithTokenLastFour(query.value);
      return all.filter((holder) => ids.has(holder.cardholderId));
    }
  }
};

/** What a search cursor is bound to: the kind and the folded query, never shown in the cursor. */
const queryIdentity = (query: SearchableQuery): string => JSON.stringify(query);

export const searchCardholders = (store: SandboxStore, query: SearchableQuery, page: { cursor?: string; limit: number }): SearchResult => {
  const found = matches(store, query).sort((a, b) => a.cardholderId.localeCompare(b.cardholderId));
  const after = page.cursor === undefined ? null : decodeCursor(page.cursor, 'search', queryIdentity(query));
  const rest = after === null ? found : found.filter((holder) => holder.cardholderId > after);
  const items = rest.slice(0, page.limit);
  const last = items[items.length - 1];
  return {
    queryKind: query.kind,
    items: items.map((holder) => cardholderSummary(store, holder)),
    nextCursor: rest.length > page.limit && last ? encodeCursor('search', queryIdentity(query), last.cardholderId) : null,
  };
};
