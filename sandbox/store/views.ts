import type { Card, Cardholder, CardholderSummary } from '../../shared/api/model';
import { maskContact } from './masking';
import type { CardholderRecord, CardRecord } from './state';
import type { SandboxStore } from './store';

/** The API's shapes built from stored records: counts added, contact data masked. */
const cardView = (store: SandboxStore, card: CardRecord): Card => ({ ...card, tokenCount: store.tokenCountOfCard(card.issuerCardRefId) });

export const cardholderView = (store: SandboxStore, holder: CardholderRecord): Cardholder => ({
  cardholderId: holder.cardholderId,
  name: holder.name,
  contacts: holder.contacts.map(maskContact),
  hasServiceNotes: holder.hasServiceNotes,
  cards: store.cardsOf(holder.cardholderId).map((card) => cardView(store, card)),
});

export const cardholderSummary = (store: SandboxStore, holder: CardholderRecord): CardholderSummary => ({
  cardholderId: holder.cardholderId,
  name: holder.name,
  cards: store.cardsOf(holder.cardholderId).map(({ issuerCardRefId, productName, lastFour, state }) => ({ issuerCardRefId, productName, lastFour, state })),
  tokenCount: store.tokenCountOfHolder(holder.cardholderId),
});
