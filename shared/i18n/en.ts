import type { Messages } from './messages';

/** English UI text. Typed as `Messages`, so a key missing from or added beyond `ja.ts` fails to compile. */
export const en: Messages = {
  product: {
    name: 'Token Desk',
  },
  mode: {
    label: 'Mode',
    training: 'Training mode',
    connected: 'Connected',
    trainingHint: 'Connected to the training backend. Real cards are not affected.',
  },
  language: {
    groupLabel: 'Display language',
    ja: '日本語',
    en: 'English',
  },
  boot: {
    loading: 'Loading…',
    failedTitle: 'Token Desk could not start',
    correlationIdLabel: 'Reference number',
    correlationIdHint: 'Quote this number when you contact support.',
    retry: 'Try again',
  },
  empty: {
    title: 'No cardholder selected',
    body: 'Search for a cardholder',
  },
  search: {
    regionLabel: 'Cardholder search',
    shortcutHint: '<kbd>{{shortcut}}</kbd> to move to search',
  },
  status: {
    barLabel: 'Status bar',
    connecting: 'Checking the connection',
    offline: 'Cannot reach the application service',
    versionLabel: 'Version',
    languageLabel: 'Language',
    lastFailure: 'The last action failed: {{message}} (reference {{correlationId}})',
  },
  crash: {
    title: 'Something went wrong',
    body: 'Reload the screen. The error has been recorded.',
    reload: 'Reload',
  },
  errors: {
    invalidInput: 'Some of the input is not valid.',
    invalidOutput: 'The application service answered in an unexpected format.',
    unknownCall: 'An unknown operation was requested.',
    forbiddenSender: 'Requests from this window are not allowed.',
    payloadTooLarge: 'The data to send is too large.',
    transport: 'Could not reach the application service.',
    internal: 'The application service had an internal error.',
  },
};
