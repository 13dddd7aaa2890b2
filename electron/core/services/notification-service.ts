import { problemField, problemFromField, validateTemplate } from '../../../shared/domain/notification-template';
import type { BackendClient } from '../backend/backend-client';
import { BackendError } from '../backend/backend-error';
import { CallError, type Services } from '../ipc/dispatch';
import type { AgentSessionManager } from '../session/agent-session';
import { requestContextFor } from './request-context';
import { mapBackendErrors } from './backend-call-error';

type NotificationCalls = Pick<Services, 'notifications.templates' | 'notifications.saveTemplate'>;

export interface NotificationServiceOptions {
  readonly session: AgentSessionManager;
  /** The backend client; throws a CallError (NOT_CONFIGURED…) when the console has none. */
  readonly backend: () => BackendClient;
}

/**
 * The backend refused a template: its field names the problem (`body:CARD_NUMBER:10-29`). Said as
 * TEMPLATE_INVALID with that field, like core's own check, so the editor marks the place either way.
 */
export const templateRefusal = (error: unknown): CallError | null => {
  if (!(error instanceof BackendError) || error.failure.kind !== 'api' || error.failure.field === undefined) return null;
  if (problemFromField(error.failure.field) === null) return null;
  return new CallError('TEMPLATE_INVALID', `backend refused the template: ${error.failure.code}`, [error.failure.field], {
    code: error.failure.code.slice(0, 40),
    category: error.failure.category,
    field: error.failure.field.slice(0, 200),
  });
};

/**
 * Cardholder notification templates (docs/domain.md, "Cardholder notifications"). Every agent may
 * read them (the action dialogs show the notification an action causes); only an administrator may
 * save one. A save is checked here first with the shared validator, against the issuer's settings
 * as the backend serves them, and the backend checks it again: no invalid template is sent, none is
 * stored.
 */
export const notificationService = ({ session, backend }: NotificationServiceOptions): NotificationCalls => {
  const forAgent = <T>(work: (client: BackendClient) => Promise<T>): Promise<T> =>
    mapBackendErrors(() => session.withAgent(() => work(backend())));

  return {
    'notifications.templates': (_input, context) =>
      forAgent((client) => client.request('listNotificationTemplates', { context: requestContextFor(context) })),

    'notifications.saveTemplate': async (input, context) => {
      // Refused before anything is sent; the backend refuses an agent's save too.
      if (session.requireAgent().agent.role !== 'admin') throw new CallError('FORBIDDEN_ROLE', 'only an administrator may change notification templates');
      return forAgent(async (client) => {
        const { settings } = await client.request('listNotificationTemplates', { context: requestContextFor(context) });
        const problems = validateTemplate({ channel: input.key.channel, ...input.content }, settings);
        if (problems.length > 0) {
          throw new CallError('TEMPLATE_INVALID', `the template has ${String(problems.length)} problem(s); nothing was saved`, problems.map(problemField));
        }
        try {
          return await client.request('saveNotificationTemplate', {
            params: { event: input.key.event, channel: input.key.channel, language: input.key.language },
            body: input.content,
            context: requestContextFor(context),
          });
        } catch (error) {
          throw templateRefusal(error) ?? error;
        }
      });
    },
  };
};
