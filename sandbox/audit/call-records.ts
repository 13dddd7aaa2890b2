import type { AuditDraft, AuditTrail } from './trail';
import { agentActor, cardholderPart } from './parts';
import type { Handlers, RequestContext } from '../routes/context';
import type { Endpoints } from '../../shared/api/endpoints';
import type { SandboxStore } from '../store/store';

type Setting = Extract<AuditDraft, { kind: 'SETTINGS_CHANGED' }>['detail']['setting'];

/** The top-level fields whose value differs: what a settings record names, never the values themselves. */
const changedFields = (before: unknown, after: unknown): string[] => {
  if (before === null || after === null || typeof before !== 'object' || typeof after !== 'object') return JSON.stringify(before) === JSON.stringify(after) ? [] : ['value'];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return [...keys].filter((key) => JSON.stringify(a[key]) !== JSON.stringify(b[key])).sort().slice(0, 50);
};

/** Who changed a setting: the signed-in agent, or the trainer's controls (the platform's credential, no session). */
const whoOf = (context: RequestContext<Endpoints[keyof Endpoints]>): Pick<AuditDraft, 'actor' | 'workstationId' | 'correlationId'> =>
  context.session
    ? { actor: agentActor(context.session), workstationId: context.client?.clientId ?? null, correlationId: context.correlationId }
    : { actor: { type: 'PLATFORM' }, workstationId: null, correlationId: context.correlationId };

/**
 * The calls whose handlers belong to other modules but whose effect the trail must show: settings
 * and templates changed, a phone call's record stored, a console's integrity report. Each handler runs as it is; when it
 * succeeds, the record is written (and durable) before the answer goes, from the session and what
 * the store held before and after, never from the body alone. A replayed phone call (the same
 * record again) writes nothing.
 */
export const withCallRecords = (handlers: Handlers, store: SandboxStore, audit: AuditTrail): Handlers => {
  const settingChanged = async (setting: Setting, context: RequestContext<Endpoints[keyof Endpoints]>, before: unknown, after: unknown): Promise<void> => {
    await audit.append({ kind: 'SETTINGS_CHANGED', ...whoOf(context), outcome: 'SUCCEEDED', cardholder: null, token: null, detail: { setting, changed: changedFields(before, after) } });
  };
  return {
    ...handlers,
    saveNotificationTemplate: async (context) => {
      const saved = await handlers.saveNotificationTemplate(context);
      const { event, channel, language } = context.params;
      await audit.append({ kind: 'TEMPLATE_CHANGED', ...whoOf(context), outcome: 'SUCCEEDED', cardholder: null, token: null, detail: { event, channel, language } });
      return saved;
    },
    saveNotificationSettings: async (context) => {
      const before = store.notificationSettings;
      const saved = await handlers.saveNotificationSettings(context);
      await settingChanged('NOTIFICATION_SETTINGS', context, before, store.notificationSettings);
      return saved;
    },
    saveCallOutcomes: async (context) => {
      const before = store.callOutcomes.map((outcome) => outcome.code);
      const saved = await handlers.saveCallOutcomes(context);
      const after = store.callOutcomes.map((outcome) => outcome.code);
      await audit.append({
        kind: 'SETTINGS_CHANGED',
        ...whoOf(context),
        outcome: 'SUCCEEDED',
        cardholder: null,
        token: null,
        detail: { setting: 'CALL_OUTCOMES', changed: [...new Set([...before, ...after])].filter((code) => before.includes(code) !== after.includes(code)).slice(0, 50) },
      });
      return saved;
    },
    setActionPolicy: async (context) => {
      const before = store.actionPolicy;
      const saved = await handlers.setActionPolicy(context);
      await settingChanged('ACTION_POLICY', context, before, store.actionPolicy);
      return saved;
    },
    setDigitizationRules: async (context) => {
      const before = store.digitizationRules.map((rule) => rule.id);
      const saved = await handlers.setDigitizationRules(context);
      await settingChanged('DIGITIZATION_RULES', context, { rules: before }, { rules: store.digitizationRules.map((rule) => rule.id) });
      return saved;
    },
    advanceTrainingClock: async (context) => {
      const before = store.clockAheadMinutes;
      const saved = await handlers.advanceTrainingClock(context);
      await settingChanged('TRAINING_CLOCK', context, { aheadMinutes: before }, { aheadMinutes: store.clockAheadMinutes });
      return saved;
    },
    createIntegrityReport: async (context) => {
      const { body } = context;
      const stored = await handlers.createIntegrityReport(context);
      // Once per report: a console retries until stored, and the trail keeps no second copy.
      const known = audit.list({ kind: 'INTEGRITY_REPORT' }, null, 10_000).items.some((record) => record.kind === 'INTEGRITY_REPORT' && record.detail.reportId === body.reportId);
      if (!known) {
        const [first] = body.findings;
        await audit.append({
          kind: 'INTEGRITY_REPORT',
          actor: { type: 'WORKSTATION' },
          workstationId: context.client.clientId,
          correlationId: context.correlationId,
          outcome: 'SUCCEEDED',
          cardholder: null,
          token: null,
          // The findings' words stay with the report (GET /api/v1/integrity-reports); the trail says where.
          detail: { source: body.subject === 'AUDIT_JOURNAL' ? 'CONSOLE_JOURNAL' : 'CONSOLE_OUTBOX', intact: false, ...(first ? { at: first.line } : {}), reportId: body.reportId },
        });
      }
      return stored;
    },
    createPhoneCall: async (context) => {
      const { body } = context;
      const known = store.phoneCalls.has(body.phoneCallId);
      const stored = await handlers.createPhoneCall(context);
      if (!known && store.phoneCalls.has(body.phoneCallId)) {
        await audit.append({
          kind: 'PHONE_CALL',
          ...whoOf(context),
          outcome: 'SUCCEEDED',
          cardholder: body.cardholderId === null ? null : cardholderPart(store, body.cardholderId),
          token: null,
          detail: {
            phoneCallId: body.phoneCallId,
            startedAt: body.startedAt,
            endedAt: body.endedAt,
            closing: body.closing,
            outcomeCode: body.outcomeCode,
            actionCorrelationIds: body.actions.map((action) => action.correlationId),
            notesLength: body.notes.length,
          },
        });
      }
      return stored;
    },
  };
};
