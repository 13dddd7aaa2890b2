import { z } from 'zod';
import { AppMode, Language } from './primitives';
import { SessionStatus, SignInInput, TrainingAccount, UnlockInput } from './session';
import { CredentialStatus, GenerateKeyInput, ImportKeyInput, PublicKeyView } from './credentials';
import { ConfigPatch, ConfigView } from './config';
import {
  CancelInput,
  Cardholder,
  CardholderInput,
  CardTokens,
  CardTokensInput,
  LiveStatus,
  SearchInput,
  SearchResult,
  Token,
  TokenEventsInput,
  TokenEventsPage,
  TokenInput,
} from './lookup';

import {
  ActionList,
  ActionView,
  BulkPreview,
  DigitizationSignals,
  PreviewBulkInput,
  SignalsInput,
  SubmitActionInput,
  SubmitBulkInput,
  TokenActionPolicy,
} from './actions';
import { NotificationTemplate, NotificationTemplates, TemplateContent, TemplateKey } from '../api/notifications';
import { UpdateInstall, UpdateStatus } from './updates';
import { IntegrityNotices } from './integrity';
import { supervisionCalls } from './supervision';
import { floorRulesCalls } from './floor-rules';
import { approvalCalls } from './approvals';
import { CallOutcomeList, EndPhoneCallInput, OpenPhoneCall, PhoneCallState, ServiceNotes, ServiceNotesInput, UpdatePhoneCallInput } from './phone-calls';

export { AppMode, Language } from './primitives';
import { CALL_NAMES, type DeclaredCallName } from './call-names';

export const AppInfo = z.strictObject({
  name: z.string().min(1).max(100),
  version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/),
  mode: AppMode,
  /** The language the UI starts in: the agent's saved choice, Japanese until one is saved. */
  locale: Language,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.strictObject({
  language: Language,
});
export type Settings = z.infer<typeof Settings>;

export const RendererErrorReport = z.strictObject({
  message: z.string().min(1).max(2000),
  stack: z.string().max(8000).optional(),
  /** The correlation id of the call that failed, when the error came from one. */
  correlationId: z.string().min(1).max(64).optional(),
  source: z.enum(['window.onerror', 'unhandledrejection', 'react', 'call']),
});
export type RendererErrorReport = z.infer<typeof RendererErrorReport>;

const NoInput = z.strictObject({});

interface CallSpec<I extends z.ZodType, O extends z.ZodType> {
  /** What the call does, for the reader of the contract. */
  readonly description: string;
  readonly input: I;
  readonly output: O;
}

const defineCall = <I extends z.ZodType, O extends z.ZodType>(spec: CallSpec<I, O>): CallSpec<I, O> => spec;

/**
 * The IPC contract: every call from the renderer to main, declared once. Main validates input and
 * output against these schemas; the renderer validates what it receives. Names are `domain.verb`.
 */
export const calls = {
  'app.info': defineCall({
    description: 'Product name, version, mode (training or connected) and the starting UI language.',
    input: NoInput,
    output: AppInfo,
  }),
  'settings.get': defineCall({
    description: "The agent's own settings.",
    input: NoInput,
    output: Settings,
  }),
  'settings.set': defineCall({
    description: "Changes the agent's settings; answers with all of them. Emits settings.changed.",
    input: z.strictObject({ language: Language }),
    output: Settings,
  }),
  'log.rendererError': defineCall({
    description:
      "Forwards an error the renderer caught to main's log, with its correlation id. logged is false when too many came in a short time: the report was dropped and counted.",
    input: RendererErrorReport,
    output: z.strictObject({ logged: z.boolean() }),
  }),
  'session.status': defineCall({
    description: 'Who is signed in on this workstation, and whether the console is locked.',
    input: NoInput,
    output: SessionStatus,
  }),
  'session.signIn': defineCall({
    description: 'Signs an agent in against the backend. Emits session.changed.',
    input: SignInInput,
    output: SessionStatus,
  }),
  'session.lock': defineCall({
    description: 'Locks the console after idle time or on request; data calls are refused until unlock.',
    input: NoInput,
    output: SessionStatus,
  }),
  'session.unlock': defineCall({
    description: "Unlocks with the signed-in agent's password, checked by the backend.",
    input: UnlockInput,
    output: SessionStatus,
  }),
  'session.signOut': defineCall({
    description: 'Ends the session at the backend and forgets it in main. Emits session.changed.',
    input: NoInput,
    output: SessionStatus,
  }),
  'session.trainingAccounts': defineCall({
    description: 'The training accounts, for the sign-in screen. Training mode only.',
    input: NoInput,
    output: z.strictObject({ accounts: z.array(TrainingAccount).max(20) }),
  }),
  'credentials.status': defineCall({
    description: "The workstation key's status. Never the key.",
    input: NoInput,
    output: CredentialStatus,
  }),
  'credentials.generateKey': defineCall({
    description: 'Generates a new key pair in main; answers with the public half for the backend administrator.',
    input: GenerateKeyInput,
    output: z.strictObject({ publicKey: PublicKeyView, status: CredentialStatus }),
  }),
  'credentials.importKey': defineCall({
    description: 'Stores a PEM private key (write-only); answers with the public half and the status.',
    input: ImportKeyInput,
    output: z.strictObject({ publicKey: PublicKeyView, status: CredentialStatus }),
  }),
  'config.get': defineCall({
    description: 'The configuration, which fields the installer locked, and any problems with the files.',
    input: NoInput,
    output: ConfigView,
  }),
  'config.set': defineCall({
    description: "Changes the user's own configuration; locked fields are refused.",
    input: ConfigPatch,
    output: ConfigView,
  }),
  'cardholders.search': defineCall({
    description: 'Searches cardholders; the answer says what kind of query it took the text for. Cancellable by requestId.',
    input: SearchInput,
    output: SearchResult,
  }),
  'calls.cancel': defineCall({
    description: 'Cancels an earlier call by its requestId (its backend request is aborted); false when it had already finished.',
    input: CancelInput,
    output: z.strictObject({ cancelled: z.boolean() }),
  }),
  'cardholders.get': defineCall({
    description: 'One cardholder with cards and masked contact channels.',
    input: CardholderInput,
    output: Cardholder,
  }),
  'cards.tokens': defineCall({
    description: 'Every token of one card, deleted ones included.',
    input: CardTokensInput,
    output: CardTokens,
  }),
  'tokens.get': defineCall({
    description: 'One token with its state.',
    input: TokenInput,
    output: Token,
  }),
  'tokens.events': defineCall({
    description: "A page of a token's history, newest first.",
    input: TokenEventsInput,
    output: TokenEventsPage,
  }),
  'live.status': defineCall({
    description: "The state of main's live connection to the backend's event stream.",
    input: NoInput,
    output: LiveStatus,
  }),
  'actions.policy': defineCall({
    description: "The issuer's policy for token actions (identity checks, risk rules, suspension override, notifications), from the backend.",
    input: NoInput,
    output: TokenActionPolicy,
  }),
  'tokens.signals': defineCall({
    description: "A token's digitization signals for the scam-awareness panel before an Option D activation.",
    input: SignalsInput,
    output: DigitizationSignals,
  }),
  'actions.submit': defineCall({
    description:
      'Asks main to carry out one token action. Main writes it to its durable outbox before sending; the same actionId again answers the same action. Progress comes as action.changed.',
    input: SubmitActionInput,
    output: ActionView,
  }),
  'actions.list': defineCall({
    description: "This workstation's actions under way (resumed ones included) and the signed-in agent's recent ones.",
    input: NoInput,
    output: ActionList,
  }),
  'actions.previewBulk': defineCall({
    description: 'What a bulk action would change and what it would skip and why, from fresh token data.',
    input: PreviewBulkInput,
    output: BulkPreview,
  }),
  'actions.submitBulk': defineCall({
    description: 'Carries out a previewed bulk action, one outbox entry per token; results per token come as action.changed.',
    input: SubmitBulkInput,
    output: ActionList,
  }),
  'notifications.templates': defineCall({
    description: "The issuer's cardholder notification templates and their settings, from the backend.",
    input: NoInput,
    output: NotificationTemplates,
  }),
  'notifications.saveTemplate': defineCall({
    description: 'Saves one template (administrators only); an invalid template is refused with the field at fault and nothing is saved.',
    input: z.strictObject({ key: TemplateKey, content: TemplateContent }),
    output: NotificationTemplate,
  }),
  'updates.status': defineCall({
    description: "Where the console's own update stands: off, nothing yet, or a verified version ready to install.",
    input: NoInput,
    output: UpdateStatus,
  }),
  'updates.install': defineCall({
    description: 'Installs the ready update now and starts the console again; refused (UPDATE_HELD) while a token action is under way.',
    input: NoInput,
    output: UpdateInstall,
  }),
  'phoneCall.state': defineCall({
    description: "The signed-in agent's open phone call (kept by main, notes included), a screen pop waiting for it to end, and their recent ones.",
    input: NoInput,
    output: PhoneCallState,
  }),
  'phoneCall.start': defineCall({
    description: 'Starts a phone call: the screen belongs to that caller from now on. Refused (PHONE_CALL_OPEN) while one is open: end it first. Emits phoneCall.changed.',
    input: NoInput,
    output: PhoneCallState,
  }),
  'phoneCall.update': defineCall({
    description: "Keeps the open phone call's notes in main (the profile, written atomically) and the cardholder the agent identified. Notes with a card number are refused at the field.",
    input: UpdatePhoneCallInput,
    output: OpenPhoneCall,
  }),
  'phoneCall.end': defineCall({
    description:
      "Ends the open phone call: its record (outcome, notes, the actions taken) is written ahead to main's durable outbox and sent to the backend. Closing without a wrap-up (SKIPPED) is refused (WRAP_UP_REQUIRED) where the policy requires one. A screen pop that was waiting starts the next phone call. Emits phoneCall.changed.",
    input: EndPhoneCallInput,
    output: PhoneCallState,
  }),
  'phoneCall.outcomes': defineCall({
    description: "The issuer's outcome codes for the wrap-up, from the backend.",
    input: NoInput,
    output: CallOutcomeList,
  }),
  'serviceNotes.list': defineCall({
    description: "A cardholder's service notes in full, newest first, with who wrote each and when.",
    input: ServiceNotesInput,
    output: ServiceNotes,
  }),
  'integrity.notices': defineCall({
    description: "Problems main found in its own files on start (the audit journal, an outbox entry), for the banner every screen shows, each with whether a supervisor has been told yet.",
    input: NoInput,
    output: IntegrityNotices,
  }),
  ...supervisionCalls,
  ...floorRulesCalls,
  ...approvalCalls,
} as const satisfies { readonly [N in DeclaredCallName]: CallSpec<z.ZodType, z.ZodType> };

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedCallInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<Calls[N]['output']>;

export const callNames: CallName[] = [...CALL_NAMES];

export const isCallName = (name: string): name is CallName => Object.hasOwn(calls, name);
