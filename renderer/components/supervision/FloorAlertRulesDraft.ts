import { FloorAlertSettings } from '../../../shared/domain/floor-alerts';

/**
 * The administrator's form for the floor's alert rules, as typed: numbers stay text until checked,
 * so a half-typed value is shown as typed and judged by the one `FloorAlertSettings` schema the
 * backend and core use. The schema decides which fields are wrong; the words at each field are the
 * screen's own (`floorRules.problem.*`, Japanese and English), since the schema's are English only.
 */
export interface FloorRulesDraft {
  readonly activationsEnabled: boolean;
  readonly activationsMax: string;
  readonly hoursEnabled: boolean;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly deletesEnabled: boolean;
  readonly deletesMax: string;
  readonly windowHours: string;
  readonly tamperedEnabled: boolean;
}

/** The form's fields by the schema's path, so a problem the schema names lands at its field. */
const DRAFT_FIELDS = {
  'activationsPerHour.max': 'activationsMax',
  'businessHours.start': 'start',
  'businessHours.end': 'end',
  'businessHours.timeZone': 'timeZone',
  'deletesPerCardholder.max': 'deletesMax',
  'deletesPerCardholder.windowHours': 'windowHours',
} as const satisfies Record<string, keyof FloorRulesDraft>;

export type DraftField = (typeof DRAFT_FIELDS)[keyof typeof DRAFT_FIELDS];

export const draftOf = (settings: FloorAlertSettings): FloorRulesDraft => ({
  activationsEnabled: settings.activationsPerHour.enabled,
  activationsMax: String(settings.activationsPerHour.max),
  hoursEnabled: settings.businessHours.enabled,
  start: settings.businessHours.start,
  end: settings.businessHours.end,
  timeZone: settings.businessHours.timeZone,
  deletesEnabled: settings.deletesPerCardholder.enabled,
  deletesMax: String(settings.deletesPerCardholder.max),
  windowHours: String(settings.deletesPerCardholder.windowHours),
  tamperedEnabled: settings.tamperedJournal.enabled,
});

/** Whole numbers typed as digits become numbers; anything else goes to the schema as typed, which refuses it. */
const numberOf = (text: string): number | string => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : text);

/** The settings the draft says, or which fields the schema refuses. */
export const checkDraft = (draft: FloorRulesDraft): { readonly ok: true; readonly settings: FloorAlertSettings } | { readonly ok: false; readonly problems: ReadonlySet<DraftField> } => {
  const result = FloorAlertSettings.safeParse({
    activationsPerHour: { enabled: draft.activationsEnabled, max: numberOf(draft.activationsMax) },
    businessHours: { enabled: draft.hoursEnabled, start: draft.start.trim(), end: draft.end.trim(), timeZone: draft.timeZone.trim() },
    deletesPerCardholder: { enabled: draft.deletesEnabled, max: numberOf(draft.deletesMax), windowHours: numberOf(draft.windowHours) },
    tamperedJournal: { enabled: draft.tamperedEnabled },
  });
  if (result.success) return { ok: true, settings: result.data };
  const problems = new Set<DraftField>();
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (Object.hasOwn(DRAFT_FIELDS, path)) problems.add(DRAFT_FIELDS[path as keyof typeof DRAFT_FIELDS]);
  }
  return { ok: false, problems };
};
