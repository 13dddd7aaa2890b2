import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/contract';
import { CallNotes } from '../../../renderer/components/CallNotes';
import { ReasonFields } from '../../../renderer/components/actions/ReasonFields';
import { createI18n } from '../../../renderer/i18n/create-i18n';
import { emptyDraft } from '../../../renderer/store/actions/initialState';
import type { DeskStore } from '../../../renderer/store/desk-store';
import { DeskStoreProvider } from '../../../renderer/store/store-context';
import { actionsStore } from '../renderer/actions/builders';
import { fakePhoneCallMain } from '../renderer/phone-call/fake-main';
import { buildToken } from '../renderer/lookup/builders';
import { CARD_NUMBER_FORMS } from './free-text-arbitraries';

/**
 * The renderer refuses a card number where it is typed and says why at the field, with where it
 * stands, before anything is sent: the comment of an action, the call notes, the search.
 */
const html = (view: ReactNode, store: ReturnType<typeof actionsStore>['store'], language: Language = 'ja'): string => {
  // A server render reads the store's initial state: make it the state now.
  store.getInitialState = store.getState;
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <DeskStoreProvider store={store}>{view}</DeskStoreProvider>
    </I18nextProvider>,
  );
};

const text = (markup: string): string => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** Where a run of `number` characters stands after `before`, as the message counts (characters, 1-based). */
const place = (before: string, number: string) => ({ from: Array.from(before).length + 1, to: Array.from(before).length + Array.from(number.trim()).length });

describe.each(CARD_NUMBER_FORMS)('a card number %s', (_form, number) => {
  it('in the call notes: the change is refused whole, the notes stay as they were, and the field says why and where', () => {
    const { store } = actionsStore(fakePhoneCallMain().answers);
    store.getState().setPhoneCallNotes('折り返し希望');
    store.getState().setPhoneCallNotes(`折り返し希望 ${number}`);
    expect(store.getState().phoneCallNotes).toBe('折り返し希望');
    const where = store.getState().phoneCallNotesRefusal;
    expect(where).not.toBeNull();
    const before = '折り返し希望 ';
    // A sentence around the number starts the run at its first digit.
    const firstDigit = Array.from(number).findIndex((char) => /\p{Nd}/u.test(char));
    expect(where?.from).toBe(Array.from(before).length + firstDigit + 1);
    const shown = html(<CallNotes />, store);
    expect(shown).toContain('aria-invalid="true"');
    expect(text(shown)).toContain(`カード番号のような数字の並びは入力できません（${where?.from}〜${where?.to}文字目）`);
    expect(text(html(<CallNotes />, store, 'en'))).toContain(`A run of digits like a card number cannot be entered (characters ${where?.from}–${where?.to})`);
    // The next change without one is taken, and the message goes.
    store.getState().setPhoneCallNotes('折り返し希望 明日10:30');
    expect(store.getState()).toMatchObject({ phoneCallNotes: '折り返し希望 明日10:30', phoneCallNotesRefusal: null });
  });

  it('in an action comment: said at the field as it is typed, and nothing is sent while it is there', async () => {
    const { store, calls } = actionsStore({});
    store.getState().openTokenAction('suspend', buildToken({ state: 'ACTIVE' }));
    store.getState().updateActionDraft({ reasonCode: 'OTHER', comment: number });
    const problem = store.getState().actionDialog?.fieldProblems.comment;
    expect(problem?.key).toBe('freeText.cardNumber');
    await store.getState().submitActionDialog();
    expect(calls('actions.submit')).toEqual([]);
    expect(store.getState().actionDialog?.fieldProblems.comment?.key).toBe('freeText.cardNumber');
    const draft = { ...emptyDraft, reasonCode: 'OTHER', comment: number };
    const shown = html(<ReasonFields operation="suspend" draft={draft} problems={{ comment: problem }} disabled={false} onChange={() => undefined} />, store);
    expect(shown).toMatch(/<textarea[^>]*aria-invalid="true"[^>]*data-testid="action-comment"/);
    expect(text(shown)).toContain(`カード番号のような数字の並びは入力できません（${problem?.values?.from}〜${problem?.values?.to}文字目）`);
    // Taking it out takes the message away, and the action can be sent.
    store.getState().updateActionDraft({ comment: 'ご家族からの申し出' });
    expect(store.getState().actionDialog?.fieldProblems.comment).toBeUndefined();
  });

  it('in the search field: refused, the field cleared, nothing searched', () => {
    const { store, calls } = actionsStore({});
    store.getState().setSearchText(number);
    expect(store.getState()).toMatchObject({ searchText: '', searchRefusal: 'FULL_CARD_NUMBER' } satisfies Partial<DeskStore>);
    expect(calls('cardholders.search')).toEqual([]);
  });
});

it('a card number alone in the call notes is placed from its first digit to its last', () => {
  const { store } = actionsStore(fakePhoneCallMain().answers);
  const [, spaced] = CARD_NUMBER_FORMS[1] ?? ['', ''];
  store.getState().setPhoneCallNotes(spaced);
  expect(store.getState().phoneCallNotesRefusal).toEqual(place('', spaced));
});
