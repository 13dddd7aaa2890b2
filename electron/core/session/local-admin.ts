import type { Services } from '../ipc/dispatch';
import { CallError } from '../ipc/dispatch';
import type { AgentSessionManager } from './agent-session';
import type { EnrolmentCodeGate } from './enrolment-code';

/** The calls that change this workstation's own setup: its backend settings and its signing key. */
type LocalAdminCall = 'config.set' | 'credentials.generateKey' | 'credentials.importKey';

export interface LocalAdminRules {
  readonly session: Pick<AgentSessionManager, 'status'>;
  /** Whether the workstation holds a key already (it is enrolled). */
  readonly enrolled: () => Promise<boolean>;
  /** The installer listed `workstationKey` in the machine-wide file's `locked`. */
  readonly keyLocked: () => boolean;
  /** The installer's one-time code for a first key set up signed out. */
  readonly enrolment: EnrolmentCodeGate;
}

/**
 * Who may change the workstation's setup from the console, checked here in core on every call,
 * whatever the renderer shows. With an agent signed in, only an admin: a call-center agent must
 * not repoint the console or replace its key between calls. A locked console refuses too, whoever
 * holds it, since someone else may be at the keyboard.
 *
 * Signed out, only a workstation not yet enrolled (no key stored) may be set up: there is no
 * backend to check a role against before it has a key. Once it holds one, anyone at the sign-in
 * screen could otherwise replace the key (the next sign-in fails: the desk is disabled) or repoint
 * the console, so an administrator must sign in first (ADMIN_REQUIRED). The harmless per-seat
 * preference, the UI language (settings.set), stays open. Where the installer set an enrolment
 * code, that first key signed out needs the code too, and so does every settings change signed out
 * before it (see enrolment-code.ts): otherwise anyone at the sign-in screen of a seat not yet
 * enrolled could repoint it.
 */
export const requireLocalAdmin = async ({ session, enrolled }: Pick<LocalAdminRules, 'session' | 'enrolled'>): Promise<void> => {
  const { state, agent } = session.status();
  if (state === 'signedOut') {
    if (await enrolled()) throw new CallError('ADMIN_REQUIRED', 'an administrator must sign in to change the workstation setup');
    return;
  }
  if (agent?.role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only an admin may change the workstation setup while signed in');
  if (state === 'locked') throw new CallError('SESSION_LOCKED', 'the console is locked');
};

/** The installer locked the key: no one generates or imports one from the console, an admin neither. */
const requireKeyUnlocked = (rules: LocalAdminRules): void => {
  if (rules.keyLocked()) throw new CallError('CONFIG_LOCKED', 'the workstation key is locked by the installer', ['workstationKey']);
};

type LocalAdminCalls = Pick<Services, LocalAdminCall>;

/**
 * A first key set up signed out (requireLocalAdmin let it through) goes through the enrolment
 * code, when the installer set one; an administrator signed in changes the key as before.
 */
const storeKey = async <T>(rules: LocalAdminRules, code: string | undefined, store: () => Promise<T>): Promise<T> => {
  requireKeyUnlocked(rules);
  await requireLocalAdmin(rules);
  if (rules.session.status().state !== 'signedOut') return store();
  return rules.enrolment.enrolWith(code, async () => {
    // Another window may have enrolled the seat while this call waited its turn.
    if (await rules.enrolled()) throw new CallError('ADMIN_REQUIRED', 'an administrator must sign in to change the workstation setup');
    return store();
  });
};

/** Wraps the workstation-setup calls with the checks above. */
export const guardLocalAdmin = (services: LocalAdminCalls, rules: LocalAdminRules): LocalAdminCalls => ({
  'config.set': async ({ enrolmentCode, ...patch }, context) => {
    await requireLocalAdmin(rules);
    // Signed out (so not enrolled yet): a settings change needs the enrolment code as the first key does.
    if (rules.session.status().state !== 'signedOut') return services['config.set'](patch, context);
    return rules.enrolment.changeWith(enrolmentCode, async () => {
      // Another window may have enrolled the seat while this call waited its turn.
      if (await rules.enrolled()) throw new CallError('ADMIN_REQUIRED', 'an administrator must sign in to change the workstation setup');
      return services['config.set'](patch, context);
    });
  },
  'credentials.generateKey': (input, context) => storeKey(rules, input.enrolmentCode, async () => services['credentials.generateKey'](input, context)),
  'credentials.importKey': (input, context) => storeKey(rules, input.enrolmentCode, async () => services['credentials.importKey'](input, context)),
});
