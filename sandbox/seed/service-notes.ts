import type { ServiceNote } from '../../shared/api/phone-calls';
import type { CardholderRecord } from '../store/state';
import { SEED_EPOCH } from './epoch';
import type { Prng } from './prng';

/**
 * Service notes for the cardholders whose record says they have some (`hasServiceNotes`): what
 * colleagues wrote for the next agent, in Japanese, as a call center's CRM keeps them. The known
 * fixtures get notes written for their story; the others draw one to three from the catalogue.
 * No note holds a card number, or a run of digits longer than a time of day.
 */
type NoteText = Pick<ServiceNote, 'category' | 'text'>;
type Author = ServiceNote['author'];

const AUTHORS: readonly Author[] = [
  { name: '山口 恵', team: 'カスタマーサービス第1課' },
  { name: '森 大輝', team: 'カスタマーサービス第2課' },
  { name: '石井 由美子', team: '不正利用対策室' },
  { name: '岡田 健', team: '法人カード窓口' },
  { name: '佐々木 香織', team: null },
];

const CATALOGUE: readonly NoteText[] = [
  { category: 'CAUTION', text: '本人確認で生年月日のお答えに時間がかかることがあります。急かさず、規定どおりに確認してください。' },
  {
    category: 'CAUTION',
    text: '以前「カード会社を名乗る電話で確認コードを聞かれた」とのご相談がありました。SMS の確認コードを尋ねる電話が来ていないか、毎回お聞きしてください。',
  },
  { category: 'CAUTION', text: 'ご家族（配偶者）からの代理のお電話が過去にありました。ご本人以外からのお電話ではトークンの操作を行わないでください。' },
  { category: 'PREFERENCE', text: '平日の日中はお電話に出られないため、折り返しは18時以降をご希望です。' },
  { category: 'PREFERENCE', text: 'スマートフォンの操作に不慣れです。専門用語を避け、画面の場所を一つずつご案内してください。' },
  { category: 'PREFERENCE', text: 'ご連絡はメールより SMS をご希望です。' },
  { category: 'HISTORY', text: '機種変更後、旧端末のウォレットに残ったカードについてお問い合わせあり。旧端末のトークンの削除をご案内済みです。' },
  { category: 'HISTORY', text: '海外渡航の前に、渡航先でのタッチ決済の利用可否についてお問い合わせがありました。' },
  { category: 'HISTORY', text: 'ウォレット登録時に SMS が届かないとのお申し出あり。登録電話番号の変更手続きをご案内済みです。' },
];

/** Notes written for the known fixtures' stories (sandbox/seed/README.md), by cardholderId. */
const FIXTURE_NOTES: Readonly<Record<string, readonly (NoteText & { readonly author: number; readonly daysAgo: number })[]>> = {
  // 高橋 健二 (kanaSearch)
  C0000002: [
    {
      category: 'CAUTION',
      text: '不審な SMS のリンクからカード情報を入力してしまったとのご相談があり、不正利用対策室で対応済みです。新しいウォレット登録のお申し出は、特に慎重に本人確認してください。',
      author: 2,
      daysAgo: 24,
    },
    { category: 'HISTORY', text: 'Google Pay に同じカードが二重に表示されるとのお問い合わせ。古い方のトークンは使われないことをご説明済みです。', author: 0, daysAgo: 61 },
  ],
  // 株式会社みなと物流 (fleetHolder)
  C0000003: [
    {
      category: 'CAUTION',
      text: 'お電話はカード管理ご担当者（総務部）からのみお受けします。ドライバーご本人からの一時停止のご依頼は、ご担当者に確認してから対応してください。',
      author: 3,
      daysAgo: 9,
    },
    { category: 'PREFERENCE', text: '端末紛失の際は、車両番号ではなく端末名でトークンを特定するようご依頼いただいています。', author: 3, daysAgo: 140 },
  ],
  // 伊藤 誠 (suspensions)
  C0000005: [
    {
      category: 'HISTORY',
      text: 'ウォレット側で一時停止されたトークンは当社では再開できないことをご説明済みです（ご納得いただいています）。再開はウォレットのアプリからご案内してください。',
      author: 1,
      daysAgo: 17,
    },
  ],
};

const DAY_MS = 86_400_000;

/** A time of day in office hours, `daysAgo` days before the seed epoch. */
const writtenAt = (prng: Prng, daysAgo: number): string => {
  const minutes = prng.int(9 * 60, 19 * 60);
  return new Date(SEED_EPOCH.getTime() - daysAgo * DAY_MS - (24 * 60 - minutes) * 60_000).toISOString();
};

const noteId = (cardholderId: string, index: number): string => `SN${cardholderId}N${String(index + 1)}`;

const authorAt = (index: number): Author => AUTHORS[index % AUTHORS.length] ?? { name: '山口 恵', team: null };

/** One to three different notes of the catalogue, each by someone and some day. */
const drawNotes = (prng: Prng): { note: NoteText; author: Author; daysAgo: number }[] => {
  const left = [...CATALOGUE];
  return Array.from({ length: prng.int(1, 3) }, () => {
    const [note] = left.splice(prng.int(0, left.length - 1), 1);
    return { note: note ?? CATALOGUE[0] ?? { category: 'HISTORY', text: '—' }, author: prng.pick(AUTHORS), daysAgo: prng.int(2, 400) };
  });
};

export const seedServiceNotes = (prng: Prng, cardholders: readonly CardholderRecord[]): ServiceNote[] =>
  cardholders
    .filter((holder) => holder.hasServiceNotes)
    .flatMap((holder) => {
      const written = FIXTURE_NOTES[holder.cardholderId];
      const drafts = written
        ? written.map(({ author, daysAgo, ...note }) => ({ note, author: authorAt(author), daysAgo }))
        : drawNotes(prng);
      return drafts.map(
        ({ note, author, daysAgo }, index): ServiceNote => ({
          noteId: noteId(holder.cardholderId, index),
          cardholderId: holder.cardholderId,
          writtenAt: writtenAt(prng, daysAgo),
          author,
          category: note.category,
          text: note.text,
        }),
      );
    });
