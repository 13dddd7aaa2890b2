import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../../shared/domain/floor-alerts';
import { checkDraft, draftOf } from '../../../../renderer/components/supervision/FloorAlertRulesDraft';

/** The administrator’s form for the floor’s alert rules is checked at each field by the one shared schema, in its words. */
const draft = draftOf(DEFAULT_FLOOR_ALERT_SETTINGS);

describe('the floor alert rules form', () => {
  it('turns the rules in force into a form and back, unchanged', () => {
    expect(checkDraft(draft)).toEqual({ ok: true, settings: DEFAULT_FLOOR_ALERT_SETTINGS });
  });

  it('takes typed numbers, trimmed, and each rule on or off', () => {
    const result = checkDraft({ ...draft, activationsMax: ' 1 ', hoursEnabled: false, windowHours: '48' });
    expect(result).toEqual({
      ok: true,
      settings: { ...DEFAULT_FLOOR_ALERT_SETTINGS, activationsPerHour: { enabled: true, max: 1 }, businessHours: { ...DEFAULT_FLOOR_ALERT_SETTINGS.businessHours, enabled: false }, deletesPerCardholder: { enabled: true, max: 3, windowHours: 48 } },
    });
  });

  it('puts each problem at its field in the schema’s words, and nowhere else', () => {
    const result = checkDraft({ ...draft, activationsMax: '0', start: '9:00', timeZone: 'Mars/Olympus', windowHours: 'a day' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.problems).sort()).toEqual(['activationsMax', 'start', 'timeZone', 'windowHours']);
    expect(result.problems.start).toBe('HH:MM, 00:00–23:59');
    expect(result.problems.timeZone).toBe('an IANA time zone, e.g. Asia/Tokyo');
    expect(result.problems.activationsMax).toMatch(/1/);
    expect(result.problems.windowHours).toMatch(/number/);
  });

  it('refuses limits past the schema’s bounds and an empty value', () => {
    const result = checkDraft({ ...draft, deletesMax: '1001', windowHours: '169', end: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.problems).sort()).toEqual(['deletesMax', 'end', 'windowHours']);
  });
});
