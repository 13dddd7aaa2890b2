/** Japanese text of cardholder notifications (issue 6): template editor, sent notifications, platform callbacks. */
export const jaNotifications = {
  title: '会員への通知',
} as const;
