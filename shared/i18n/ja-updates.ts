/** The console's own update: the header notice (Japanese). */
export const jaUpdates = {
  ready: 'バージョン {{version}} に更新できます',
  readyHint: 'Token Desk を終了すると更新されます。',
  installNow: '再起動して更新',
  installing: '更新しています…',
  heldByActions: '処理中の操作が終わるまで更新を待っています。',
} as const;
