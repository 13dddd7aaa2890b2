/** Japanese text of the token actions (issue 5): dialogs, Option D checklist, action states, bulk. */
export const jaActions = {
  title: 'トークン操作',
} as const;
