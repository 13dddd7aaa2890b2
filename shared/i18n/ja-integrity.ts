/** Problems main found in its own files on start: the banner on every screen (Japanese). */
export const jaIntegrity = {
  title: '記録の改ざんまたは破損が見つかりました',
  journal: '監査ジャーナルに {{count}} 件の問題が見つかりました。ジャーナルは見つかったままの状態で保管し、新しいジャーナルを始めました。',
  outbox: '処理中だった操作の記録ファイルが読めませんでした（{{file}}）。ファイルは見つかったままの状態で保管しました。',
  action: '操作: {{operation}}　トークン末尾: {{lastFour}}　依頼時刻: {{time}}',
  unknownPart: '不明',
  reconciled: {
    CONFIRMED: 'この操作はトークン履歴で完了が確認され、監査記録に残しました。',
    FAILED: 'この操作はトークン履歴で実行されなかったことが確認され、監査記録に残しました。',
    UNKNOWN: 'この操作がどう終わったかは分かっていません。トークンの状態を確認してください。',
  },
  keptAs: '保管先: {{file}}',
  reported: 'スーパーバイザーに通知しました。',
  reporting: 'スーパーバイザーへの通知を送信中です（バックエンドに接続でき次第送ります）。',
  details: '見つかった内容',
} as const;
