import { z } from 'zod';
import { withoutCardNumber } from './free-text';
import { AgentId, IsoDateTime } from './ids';

/**
 * Cardholder notifications (docs/domain.md, "Cardholder notifications"): the issuer's templates,
 * one per event, channel and language, and the settings they depend on. Validation and rendering
 * live in shared/domain/notification-template.ts, so the backend, the editor's live preview and the
 * action dialogs render exactly alike.
 */
export const NotificationEvent = z.enum([
  /** Step-up not completed after the configured time (24 h by default): one reminder. */
  'STEP_UP_REMINDER',
  'ACTIVATION_CONFIRMED',
  'ACTIVATION_DECLINED',
  'TOKEN_DELETED',
  /** The issuer's own additions for agents' suspend and resume. */
  'TOKEN_SUSPENDED',
  'TOKEN_RESUMED',
]);
export type NotificationEvent = z.infer<typeof NotificationEvent>;

export const NotificationChannel = z.enum(['SMS', 'EMAIL']);
export type NotificationChannel = z.infer<typeof NotificationChannel>;

export const TemplateLanguage = z.enum(['ja', 'en']);
export type TemplateLanguage = z.infer<typeof TemplateLanguage>;

export const TemplateKey = z.strictObject({ event: NotificationEvent, channel: NotificationChannel, language: TemplateLanguage });
export type TemplateKey = z.infer<typeof TemplateKey>;

export const TemplateContent = z.strictObject({
  /** E-mail only; null for SMS. */
  subject: z.string().max(200).nullable(),
  body: z.string().min(1).max(2000),
});
export type TemplateContent = z.infer<typeof TemplateContent>;

export const NotificationTemplate = z.object({
  event: NotificationEvent,
  channel: NotificationChannel,
  language: TemplateLanguage,
  subject: z.string().max(200).nullable(),
  body: z.string().min(1).max(2000),
  updatedAt: IsoDateTime,
  updatedBy: AgentId.nullable(),
});
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

export const NotificationSettings = z.object({
  /** Required by the platform: every template may point the cardholder to it. Up to 20 characters, so a card number would fit. */
  customerServiceNumber: withoutCardNumber(z.string().regex(/^[0-9+\-() ]{6,20}$/)).nullable(),
  /** The issuer sends its own OTP: the platform then sends no notifications. */
  issuerSendsOwnOtp: z.boolean(),
  /** Hours an inactive token waits after step-up before the one reminder. */
  reminderAfterHours: z.number().int().min(1).max(720),
});
export type NotificationSettings = z.infer<typeof NotificationSettings>;

export const NotificationTemplates = z.object({
  templates: z.array(NotificationTemplate).max(100),
  settings: NotificationSettings,
});
export type NotificationTemplates = z.infer<typeof NotificationTemplates>;
