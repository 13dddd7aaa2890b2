import { z } from 'zod';
import type { TokenOperation } from './transitions';

/**
 * The supervisors' floor alerts, evaluated in this one place: core runs them over the day's audit
 * trail and the consoles' integrity reports, the floor screen shows what they found, each alert with
 * the records behind it. Pure: no clock, no I/O; the caller hands in the facts and the settings.
 */

/** An HH:MM wall-clock time, 00:00–23:59. */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00–23:59');

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** What the administrator tunes. Each rule can be turned off on its own. */
export const FloorAlertSettings = z.strictObject({
  /** One agent activating more than `max` tokens within any 60 minutes. */
  activationsPerHour: z.strictObject({ enabled: z.boolean(), max: z.number().int().min(1).max(1000) }),
  /** Any activation outside the call center's business hours (in its time zone). */
  businessHours: z.strictObject({
    enabled: z.boolean(),
    start: ClockTime,
    end: ClockTime,
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone, e.g. Asia/Tokyo'),
  }),
  /** More than `max` deletes on one cardholder's tokens within `windowHours`. */
  deletesPerCardholder: z.strictObject({ enabled: z.boolean(), max: z.number().int().min(1).max(1000), windowHours: z.number().int().min(1).max(168) }),
  /** A console reported its local audit journal tampered with. */
  tamperedJournal: z.strictObject({ enabled: z.boolean() }),
});
export type FloorAlertSettings = z.infer<typeof FloorAlertSettings>;

export const DEFAULT_FLOOR_ALERT_SETTINGS: FloorAlertSettings = {
  activationsPerHour: { enabled: true, max: 10 },
  businessHours: { enabled: true, start: '09:00', end: '18:00', timeZone: 'Asia/Tokyo' },
  deletesPerCardholder: { enabled: true, max: 3, windowHours: 24 },
  tamperedJournal: { enabled: true },
};

/** One token action as the rules read it: a TOKEN_ACTION record of the audit trail. */
export interface FloorAction {
  readonly recordId: string;
  /** When the agent asked for it. */
  readonly at: string;
  readonly agentId: string;
  readonly operation: TokenOperation;
  readonly cardholderId: string;
}

/** A console's report that its local audit journal failed its check. */
export interface FloorIntegrityReport {
  readonly reportId: string;
  readonly at: string;
  readonly workstationId: string;
  readonly agentId: string | null;
}

const MAX_RECORDS_PER_ALERT = 200;

export const FloorAlert = z.discriminatedUnion('rule', [
  z.strictObject({
    rule: z.literal('ACTIVATIONS_PER_HOUR'),
    agentId: z.string(),
    /** The busiest 60 minutes: how many activations, from the first to the last. */
    count: z.number().int(),
    max: z.number().int(),
    from: z.string(),
    to: z.string(),
    recordIds: z.array(z.string()).max(MAX_RECORDS_PER_ALERT),
  }),
  z.strictObject({
    rule: z.literal('OUTSIDE_BUSINESS_HOURS'),
    agentId: z.string(),
    count: z.number().int(),
    /** The first and last such activation. */
    from: z.string(),
    to: z.string(),
    recordIds: z.array(z.string()).max(MAX_RECORDS_PER_ALERT),
  }),
  z.strictObject({
    rule: z.literal('DELETES_ON_CARDHOLDER'),
    cardholderId: z.string(),
    count: z.number().int(),
    max: z.number().int(),
    from: z.string(),
    to: z.string(),
    /** Who deleted, each once. */
    agentIds: z.array(z.string()).max(MAX_RECORDS_PER_ALERT),
    recordIds: z.array(z.string()).max(MAX_RECORDS_PER_ALERT),
  }),
  z.strictObject({
    rule: z.literal('TAMPERED_JOURNAL'),
    workstationId: z.string(),
    agentId: z.string().nullable(),
    at: z.string(),
    reportId: z.string(),
  }),
]);
export type FloorAlert = z.infer<typeof FloorAlert>;

const HOUR_MS = 60 * 60 * 1000;

const byTime = <T extends { readonly at: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

const groupBy = <T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
};

/**
 * The window of `windowMs` holding the most of `sorted` (oldest first): two pointers over the
 * times. The first such window wins a tie, so the alert names the earliest burst.
 */
const busiestWindow = <T extends { readonly at: string }>(sorted: readonly T[], windowMs: number): T[] => {
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let end = 0; end < sorted.length; end += 1) {
    const endAt = Date.parse(sorted[end]?.at ?? '');
    while (endAt - Date.parse(sorted[start]?.at ?? '') >= windowMs) start += 1;
    if (end + 1 - start > best[1] - best[0]) best = [start, end + 1];
  }
  return sorted.slice(best[0], best[1]);
};

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The wall-clock minute of the day of `at` in `timeZone`. */
const localMinute = (at: string, formatter: Intl.DateTimeFormat): number => {
  const parts = formatter.formatToParts(new Date(at));
  const hour = Number(parts.find((part) => part.type === 'hour')?.value ?? '0') % 24;
  const minute = Number(parts.find((part) => part.type === 'minute')?.value ?? '0');
  return hour * 60 + minute;
};

/** Whether a minute of the day falls in business hours; hours past midnight (22:00–06:00) wrap. */
const withinHours = (minute: number, start: number, end: number): boolean => (start <= end ? minute >= start && minute < end : minute >= start || minute < end);

const ids = <T extends { readonly recordId: string }>(items: readonly T[]): string[] => items.slice(0, MAX_RECORDS_PER_ALERT).map((item) => item.recordId);

const activationBursts = (activations: readonly FloorAction[], settings: FloorAlertSettings['activationsPerHour']): FloorAlert[] =>
  [...groupBy(activations, (action) => action.agentId)].flatMap(([agentId, own]): FloorAlert[] => {
    const burst = busiestWindow(byTime(own), HOUR_MS);
    if (burst.length <= settings.max) return [];
    return [{ rule: 'ACTIVATIONS_PER_HOUR', agentId, count: burst.length, max: settings.max, from: burst[0]?.at ?? '', to: burst.at(-1)?.at ?? '', recordIds: ids(burst) }];
  });

const afterHours = (activations: readonly FloorAction[], settings: FloorAlertSettings['businessHours']): FloorAlert[] => {
  const formatter = new Intl.DateTimeFormat('en-GB', { timeZone: settings.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const start = minutesOf(settings.start);
  const end = minutesOf(settings.end);
  const outside = activations.filter((action) => !withinHours(localMinute(action.at, formatter), start, end));
  return [...groupBy(outside, (action) => action.agentId)].map(([agentId, own]): FloorAlert => {
    const sorted = byTime(own);
    return { rule: 'OUTSIDE_BUSINESS_HOURS', agentId, count: sorted.length, from: sorted[0]?.at ?? '', to: sorted.at(-1)?.at ?? '', recordIds: ids(sorted) };
  });
};

const deleteRuns = (deletes: readonly FloorAction[], settings: FloorAlertSettings['deletesPerCardholder']): FloorAlert[] =>
  [...groupBy(deletes, (action) => action.cardholderId)].flatMap(([cardholderId, own]): FloorAlert[] => {
    const run = busiestWindow(byTime(own), settings.windowHours * HOUR_MS);
    if (run.length <= settings.max) return [];
    return [
      {
        rule: 'DELETES_ON_CARDHOLDER',
        cardholderId,
        count: run.length,
        max: settings.max,
        from: run[0]?.at ?? '',
        to: run.at(-1)?.at ?? '',
        agentIds: [...new Set(run.map((action) => action.agentId))],
        recordIds: ids(run),
      },
    ];
  });

/** When an alert happened, for ordering: the latest moment it names. */
const alertTime = (alert: FloorAlert): string => ('to' in alert ? alert.to : alert.at);

/**
 * Every alert the facts raise under the settings, newest first. A tampered journal comes first of
 * all, whatever its time: it puts every other figure from that console in doubt.
 */
export const evaluateFloorAlerts = (facts: { readonly actions: readonly FloorAction[]; readonly integrityReports: readonly FloorIntegrityReport[] }, settings: FloorAlertSettings): FloorAlert[] => {
  const activations = facts.actions.filter((action) => action.operation === 'activate');
  const deletes = facts.actions.filter((action) => action.operation === 'delete');
  const tampered: FloorAlert[] = settings.tamperedJournal.enabled
    ? byTime(facts.integrityReports)
        .reverse()
        .map((report) => ({ rule: 'TAMPERED_JOURNAL', workstationId: report.workstationId, agentId: report.agentId, at: report.at, reportId: report.reportId }))
    : [];
  const others = [
    ...(settings.activationsPerHour.enabled ? activationBursts(activations, settings.activationsPerHour) : []),
    ...(settings.businessHours.enabled ? afterHours(activations, settings.businessHours) : []),
    ...(settings.deletesPerCardholder.enabled ? deleteRuns(deletes, settings.deletesPerCardholder) : []),
  ].sort((a, b) => Date.parse(alertTime(b)) - Date.parse(alertTime(a)));
  return [...tampered, ...others];
};
