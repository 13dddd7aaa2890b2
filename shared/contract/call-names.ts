/**
 * The names of the declared calls, without their schemas. The preload needs only the names, and
 * importing the schemas would bundle zod into it; `calls.ts` fails to compile unless its keys are
 * exactly these.
 */
export const CALL_NAMES = [
  'app.info',
  'settings.get',
  'settings.set',
  'log.rendererError',
  'session.status',
  'session.signIn',
  'session.lock',
  'session.unlock',
  'session.signOut',
  'session.trainingAccounts',
  'credentials.status',
  'credentials.generateKey',
  'credentials.importKey',
  'config.get',
  'config.set',
  'cardholders.search',
  'calls.cancel',
  'cardholders.get',
  'cards.tokens',
  'tokens.get',
  'tokens.events',
  'live.status',
  'actions.policy',
  'tokens.signals',
  'actions.submit',
  'actions.list',
  'actions.previewBulk',
  'actions.submitBulk',
  'notifications.templates',
  'notifications.saveTemplate',
  'updates.status',
  'updates.install',
] as const;
export type DeclaredCallName = (typeof CALL_NAMES)[number];
