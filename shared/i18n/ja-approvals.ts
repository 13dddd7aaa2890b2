/** Four-eyes approval: the agent's request from the action dialogs and its states in the tray (Japanese). */
export const jaApprovals = {
  request: '承認を依頼',
  requesting: '依頼しています…',
  requested: 'スーパーバイザーに承認を依頼しました。承認されると自動で実行されます。',
  needed: {
    DELETE: 'トークンの削除にはスーパーバイザーの承認が必要です。',
    RESUME_OVERRIDING_SUSPENSION: 'ほかの当事者による停止の解除にはスーパーバイザーの承認が必要です。',
    ACTIVATION_RISK_RULE: 'リスクルールに該当するため、有効化にはスーパーバイザーの承認が必要です。',
  },
  neededAfterRefusal: 'バックエンドがスーパーバイザーの承認を求めました。承認を依頼できます。',
  state: {
    SENDING: '依頼を送信中',
    FAILED: '依頼できませんでした',
    PENDING: '承認待ち',
    APPROVED: '承認済み・実行中',
    EXECUTED: '承認済み・実行しました',
    EXECUTION_FAILED: '承認済み・実行できませんでした',
    PARTLY_EXECUTED: '承認済み・一部のみ実行',
    REJECTED: '却下されました',
    EXPIRED: '期限切れ',
  },
  decidedBy: '{{name}}: 「{{comment}}」',
  expiresAt: '期限 {{time}}',
  tray: {
    title: '承認依頼',
    item: '{{operation}}の承認依頼 ({{wallet}} ••••{{lastFour}})',
  },
  history: {
    kind: { requested: '承認依頼', granted: '承認', rejected: '却下', expired: '承認依頼の期限切れ' },
    requested: '{{agent}}が{{operation}}の承認を依頼しました（期限 {{time}}）。',
    granted: '{{approver}}が{{agent}}による{{operation}}を承認しました。',
    rejected: '{{approver}}が{{agent}}による{{operation}}を却下しました。',
    expired: '{{agent}}による{{operation}}の承認依頼は、だれも判断しないまま期限切れになりました。',
    approvedRun: '{{approver}}の承認により、バックエンドが実行しました。',
  },
};
