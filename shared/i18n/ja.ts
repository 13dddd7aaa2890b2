/**
 * Japanese UI text: the default language and the complete set of keys. `en.ts` must mirror it key
 * for key (the type system enforces it). Every `errors.*` messageKey of the contract lives here.
 */
export const ja = {
  product: {
    name: 'Token Desk',
  },
  mode: {
    label: '動作モード',
    training: 'トレーニングモード',
    connected: '接続中',
    trainingHint: '研修用のバックエンドに接続しています。実際のカードには影響しません。',
  },
  language: {
    groupLabel: '表示言語',
    ja: '日本語',
    en: 'English',
  },
  boot: {
    loading: '読み込み中…',
    failedTitle: '起動できませんでした',
    correlationIdLabel: '問い合わせ番号',
    correlationIdHint: 'サポートへ連絡するときは、この番号をお伝えください。',
    retry: '再試行',
  },
  empty: {
    title: 'カード会員が選択されていません',
    body: 'カード会員を検索してください',
  },
  search: {
    regionLabel: 'カード会員検索',
    shortcutHint: '<kbd>{{shortcut}}</kbd> で検索へ移動',
  },
  status: {
    barLabel: 'ステータスバー',
    connecting: '接続を確認中',
    offline: 'アプリ本体と通信できません',
    versionLabel: 'バージョン',
    languageLabel: '言語',
    lastFailure: '直前の操作に失敗しました: {{message}}（問い合わせ番号 {{correlationId}}）',
  },
  crash: {
    title: '予期しないエラーが発生しました',
    body: '画面を再読み込みしてください。エラーは記録されました。',
    reload: '再読み込み',
  },
  errors: {
    invalidInput: '入力内容に誤りがあります。',
    invalidOutput: 'アプリ本体からの応答の形式が正しくありません。',
    unknownCall: '不明な操作が要求されました。',
    forbiddenSender: 'この画面からの要求は許可されていません。',
    payloadTooLarge: '送信するデータが大きすぎます。',
    transport: 'アプリ本体と通信できませんでした。',
    internal: 'アプリ本体で内部エラーが発生しました。',
  },
} as const;
