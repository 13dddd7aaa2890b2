// The phone call's dialogs, loaded together on demand (PhoneCallDialogs): one chunk, fetched once
// the first screen is idle, instead of part of every console's first screen.
export { ServiceNotesDialog } from './ServiceNotesDialog';
export { SignOutAskDialog } from './SignOutAskDialog';
export { WrapUpDialog } from './WrapUpDialog';
