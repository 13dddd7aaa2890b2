import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOOR_ALERT_SETTINGS } from '../../../../shared/domain/floor-alerts';
import { checkDraft, draftOf } from '../../../../renderer/components/supervision/FloorAlertRulesDraft';
import { enSupervision } from '../../../../shared/i18n/en-supervision';
import { jaSupervision } from '../../../../shared/i18n/ja-supervision';

/** The administrator’s form for the floor’s alert rules is checked at each field by the one shared schema; the words at a field are the screen’s own, in both languages. */
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

  it('puts each problem at its field, and nowhere else', () => {
    const result = checkDraft({ ...draft, activationsMax: '0', start: '9:00', timeZone: 'Mars/Olympus', windowHours: 'a day' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...result.problems].sort()).toEqual(['activationsMax', 'start', 'timeZone', 'windowHours']);
  });

  it('has words for every field it can refuse, in Japanese and in English', () => {
    const result = checkDraft({ ...draft, activationsMax: '0', deletesMax: 'x', windowHours: '0', start: '', end: '25:00', timeZone: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const messages of [jaSupervision, enSupervision]) {
      for (const field of result.problems) expect(messages.floorRules.problem[field]).toMatch(/\S/);
    }
    expect(jaSupervision.floorRules.problem.timeZone).toContain('タイムゾーン');
  });

  it('refuses limits past the schema’s bounds and an empty value', () => {
    const result = checkDraft({ ...draft, deletesMax: '1001', windowHours: '169', end: '' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...result.problems].sort()).toEqual(['deletesMax', 'end', 'windowHours']);
  });
});
