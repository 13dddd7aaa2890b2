import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR_ALERT_SETTINGS, FloorAlertSettings, evaluateFloorAlerts, type FloorAction, type FloorAlertSettings as Settings } from '../../../shared/domain/floor-alerts';
import type { TokenOperation } from '../../../shared/domain/transitions';

/** The floor's alert rules, on facts built by hand: what raises an alert, what does not, and which records it names. */
let sequence = 0;
const action = (at: string, overrides: { agentId?: string; operation?: TokenOperation; cardholderId?: string } = {}): FloorAction => {
  sequence += 1;
  return { recordId: `AR${String(sequence).padStart(8, '0')}`, at, agentId: overrides.agentId ?? 'agent.sato', operation: overrides.operation ?? 'activate', cardholderId: overrides.cardholderId ?? 'C0000001' };
};

/** Only the one rule under test on. */
const only = (rule: keyof Settings, patch: Partial<Settings> = {}): Settings => ({
  activationsPerHour: { ...DEFAULT_FLOOR_ALERT_SETTINGS.activationsPerHour, enabled: rule === 'activationsPerHour' },
  businessHours: { ...DEFAULT_FLOOR_ALERT_SETTINGS.businessHours, enabled: rule === 'businessHours' },
  deletesPerCardholder: { ...DEFAULT_FLOOR_ALERT_SETTINGS.deletesPerCardholder, enabled: rule === 'deletesPerCardholder' },
  tamperedJournal: { enabled: rule === 'tamperedJournal' },
  ...patch,
});

/** `count` activations `everyMinutes` apart from 10:00 JST (01:00Z) on 23 November. */
const series = (count: number, everyMinutes: number, overrides: Parameters<typeof action>[1] = {}): FloorAction[] =>
  Array.from({ length: count }, (_, index) => action(new Date(Date.parse('2026-11-23T01:00:00Z') + index * everyMinutes * 60_000).toISOString(), overrides));

const noReports = { integrityReports: [] };

describe('one agent activating more than N tokens in an hour', () => {
  const settings = only('activationsPerHour', { activationsPerHour: { enabled: true, max: 5 } });

  it('raises nothing at N, an alert at N + 1 within 60 minutes, naming every record of the burst', () => {
    expect(evaluateFloorAlerts({ actions: series(5, 5), ...noReports }, settings)).toEqual([]);
    const burst = series(6, 5);
    const [alert, ...rest] = evaluateFloorAlerts({ actions: burst, ...noReports }, settings);
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      rule: 'ACTIVATIONS_PER_HOUR',
      agentId: 'agent.sato',
      count: 6,
      max: 5,
      from: '2026-11-23T01:00:00.000Z',
      to: '2026-11-23T01:25:00.000Z',
      recordIds: burst.map((a) => a.recordId),
    });
  });

  it('slides the hour: six spread over more than 60 minutes are no burst, and the busiest hour is the one named', () => {
    expect(evaluateFloorAlerts({ actions: series(6, 12), ...noReports }, settings)).toEqual([]);
    const spread = series(4, 30);
    const burst = series(7, 2).map((a) => ({ ...a, at: new Date(Date.parse(a.at) + 5 * 3_600_000).toISOString() }));
    const [alert] = evaluateFloorAlerts({ actions: [...burst, ...spread], ...noReports }, settings);
    expect(alert?.rule === 'ACTIVATIONS_PER_HOUR' ? alert.recordIds : null).toEqual(burst.map((a) => a.recordId));
  });

  it('counts each agent apart, and only activations', () => {
    const sato = series(3, 1, { agentId: 'agent.sato' });
    const kobayashi = series(3, 1, { agentId: 'agent.kobayashi' });
    const suspends = series(10, 1, { operation: 'suspend' });
    expect(evaluateFloorAlerts({ actions: [...sato, ...kobayashi, ...suspends], ...noReports }, only('activationsPerHour', { activationsPerHour: { enabled: true, max: 3 } }))).toEqual([]);
  });
});

describe('activations outside business hours', () => {
  const settings = only('businessHours', { businessHours: { enabled: true, start: '09:00', end: '18:00', timeZone: 'Asia/Tokyo' } });
  const at = (iso: string) => action(iso);

  it('reads the hours in the call center’s time zone: 08:59 and 18:00 JST are outside, 09:00 and 17:59 inside', () => {
    const early = at('2026-11-22T23:59:00Z'); // 08:59 JST
    const opening = at('2026-11-23T00:00:00Z'); // 09:00 JST
    const lastMinute = at('2026-11-23T08:59:00Z'); // 17:59 JST
    const closing = at('2026-11-23T09:00:00Z'); // 18:00 JST
    const [alert, ...rest] = evaluateFloorAlerts({ actions: [early, opening, lastMinute, closing], ...noReports }, settings);
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ rule: 'OUTSIDE_BUSINESS_HOURS', agentId: 'agent.sato', count: 2, recordIds: [early.recordId, closing.recordId] });
  });

  it('takes a night shift that wraps past midnight (22:00–06:00)', () => {
    const night = only('businessHours', { businessHours: { enabled: true, start: '22:00', end: '06:00', timeZone: 'Asia/Tokyo' } });
    const midnight = at('2026-11-23T15:30:00Z'); // 00:30 JST
    const noon = at('2026-11-23T03:00:00Z'); // 12:00 JST
    const [alert] = evaluateFloorAlerts({ actions: [midnight, noon], ...noReports }, night);
    expect(alert).toMatchObject({ rule: 'OUTSIDE_BUSINESS_HOURS', count: 1, recordIds: [noon.recordId] });
  });

  it('another time zone moves the same instant inside', () => {
    const utc = only('businessHours', { businessHours: { enabled: true, start: '09:00', end: '18:00', timeZone: 'UTC' } });
    expect(evaluateFloorAlerts({ actions: [at('2026-11-23T09:30:00Z')], ...noReports }, utc)).toEqual([]);
    expect(evaluateFloorAlerts({ actions: [at('2026-11-23T09:30:00Z')], ...noReports }, settings)).toHaveLength(1);
  });

  it('only activations count: a lost-phone suspension at night is what the line is for', () => {
    expect(evaluateFloorAlerts({ actions: [action('2026-11-23T15:30:00Z', { operation: 'suspend' })], ...noReports }, settings)).toEqual([]);
  });
});

describe('many deletes on one cardholder', () => {
  const settings = only('deletesPerCardholder', { deletesPerCardholder: { enabled: true, max: 2, windowHours: 24 } });

  it('raises an alert past the number within the window, naming who deleted', () => {
    const deletes = [
      action('2026-11-23T01:00:00Z', { operation: 'delete', agentId: 'agent.sato' }),
      action('2026-11-23T02:00:00Z', { operation: 'delete', agentId: 'agent.kobayashi' }),
      action('2026-11-23T03:00:00Z', { operation: 'delete', agentId: 'agent.sato' }),
    ];
    const other = action('2026-11-23T03:00:00Z', { operation: 'delete', cardholderId: 'C0000002' });
    const [alert, ...rest] = evaluateFloorAlerts({ actions: [...deletes, other], ...noReports }, settings);
    expect(rest).toEqual([]);
    expect(alert).toEqual({
      rule: 'DELETES_ON_CARDHOLDER',
      cardholderId: 'C0000001',
      count: 3,
      max: 2,
      from: '2026-11-23T01:00:00Z',
      to: '2026-11-23T03:00:00Z',
      agentIds: ['agent.sato', 'agent.kobayashi'],
      recordIds: deletes.map((d) => d.recordId),
    });
  });

  it('three deletes two days apart are no run', () => {
    const apart = ['2026-11-19T01:00:00Z', '2026-11-21T01:00:00Z', '2026-11-23T01:00:00Z'].map((at) => action(at, { operation: 'delete' }));
    expect(evaluateFloorAlerts({ actions: apart, ...noReports }, settings)).toEqual([]);
  });
});

describe('a tampered journal, and the rules together', () => {
  const report = { reportId: 'IR00000001', at: '2026-11-23T00:10:00Z', workstationId: 'WS-TOKYO-07', agentId: 'agent.kobayashi' };

  it('puts the tampered journal first, then the others newest first', () => {
    const burst = series(11, 1);
    const night = action('2026-11-23T14:00:00Z', { agentId: 'agent.kobayashi' });
    const alerts = evaluateFloorAlerts({ actions: [...burst, night], integrityReports: [report] }, DEFAULT_FLOOR_ALERT_SETTINGS);
    expect(alerts.map((alert) => alert.rule)).toEqual(['TAMPERED_JOURNAL', 'OUTSIDE_BUSINESS_HOURS', 'ACTIVATIONS_PER_HOUR']);
    expect(alerts[0]).toEqual({ rule: 'TAMPERED_JOURNAL', workstationId: 'WS-TOKYO-07', agentId: 'agent.kobayashi', at: report.at, reportId: 'IR00000001' });
  });

  it('a rule turned off raises nothing', () => {
    const off: Settings = {
      activationsPerHour: { enabled: false, max: 1 },
      businessHours: { ...DEFAULT_FLOOR_ALERT_SETTINGS.businessHours, enabled: false },
      deletesPerCardholder: { enabled: false, max: 1, windowHours: 1 },
      tamperedJournal: { enabled: false },
    };
    const everything = [...series(20, 1), ...series(5, 1, { operation: 'delete' }), action('2026-11-23T15:00:00Z')];
    expect(evaluateFloorAlerts({ actions: everything, integrityReports: [report] }, off)).toEqual([]);
  });
});

describe('settings', () => {
  it('take the defaults and refuse what the rules cannot use', () => {
    expect(FloorAlertSettings.parse(DEFAULT_FLOOR_ALERT_SETTINGS)).toEqual(DEFAULT_FLOOR_ALERT_SETTINGS);
    const bad = (patch: object) => FloorAlertSettings.safeParse({ ...DEFAULT_FLOOR_ALERT_SETTINGS, ...patch }).success;
    expect(bad({ businessHours: { enabled: true, start: '9:00', end: '18:00', timeZone: 'Asia/Tokyo' } })).toBe(false);
    expect(bad({ businessHours: { enabled: true, start: '09:00', end: '24:00', timeZone: 'Asia/Tokyo' } })).toBe(false);
    expect(bad({ businessHours: { enabled: true, start: '09:00', end: '18:00', timeZone: 'Mars/Olympus' } })).toBe(false);
    expect(bad({ activationsPerHour: { enabled: true, max: 0 } })).toBe(false);
    expect(bad({ deletesPerCardholder: { enabled: true, max: 3, windowHours: 24, extra: 1 } })).toBe(false);
  });
});
