import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredFloorAlertSettings } from '../../../shared/api/floor-alert-settings';
import type { TypedError } from '../../../shared/contract';
import type { FloorAlertSettings } from '../../../shared/domain/floor-alerts';
import { formatDateTime } from '../../format/date-time';
import { sessionSelectors } from '../../store/session/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { uiLanguage } from '../history/ui-language';
import { checkDraft, draftOf, type DraftField, type FloorRulesDraft } from './FloorAlertRulesDraft';
import { useSupervisionTranslation } from './supervision-messages';
import './floor-alert-rules.css';

/** The rules in force, in words: what a supervisor reads to know why an alert was (or was not) raised. */
const RulesInWords = ({ settings }: { readonly settings: FloorAlertSettings }) => {
  const { t } = useSupervisionTranslation();
  const off = (enabled: boolean): string => (enabled ? '' : ` ${t('floorRules.off')}`);
  const { activationsPerHour: activations, businessHours: hours, deletesPerCardholder: deletes, tamperedJournal: tampered } = settings;
  return (
    <ul className="floor-rules" data-testid="floor-rules-in-force">
      <li data-rule="ACTIVATIONS_PER_HOUR" data-enabled={activations.enabled}>
        {t('floorRules.activations', { max: activations.max })}
        {off(activations.enabled)}
      </li>
      <li data-rule="OUTSIDE_BUSINESS_HOURS" data-enabled={hours.enabled}>
        {t('floorRules.businessHours', { start: hours.start, end: hours.end, timeZone: hours.timeZone })}
        {off(hours.enabled)}
      </li>
      <li data-rule="DELETES_ON_CARDHOLDER" data-enabled={deletes.enabled}>
        {t('floorRules.deletes', { max: deletes.max, hours: deletes.windowHours })}
        {off(deletes.enabled)}
      </li>
      <li data-rule="TAMPERED_JOURNAL" data-enabled={tampered.enabled}>
        {t('floorRules.tampered')}
        {off(tampered.enabled)}
      </li>
    </ul>
  );
};

interface FieldProps {
  readonly id: DraftField;
  readonly label: string;
  readonly value: string;
  readonly problem: string | undefined;
  readonly inputMode?: 'numeric';
  readonly onChange: (value: string) => void;
}

/** One typed value with its label and, when the schema refuses it, the schema's message beside it. */
const Field = ({ id, label, value, problem, inputMode, onChange }: FieldProps) => (
  <div className="field">
    <label htmlFor={`floor-rules-${id}`}>{label}</label>
    <input
      id={`floor-rules-${id}`}
      name={id}
      type="text"
      value={value}
      spellCheck={false}
      autoComplete="off"
      {...(inputMode ? { inputMode } : {})}
      aria-invalid={problem !== undefined || undefined}
      aria-describedby={problem !== undefined ? `floor-rules-${id}-problem` : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
    {problem !== undefined ? (
      <p id={`floor-rules-${id}-problem`} className="field-error" data-testid={`floor-rules-${id}-problem`}>
        {problem}
      </p>
    ) : null}
  </div>
);

const Toggle = ({ id, checked, onChange }: { readonly id: string; readonly checked: boolean; readonly onChange: (checked: boolean) => void }) => {
  const { t } = useSupervisionTranslation();
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{t('floorRules.enabled')}</label>
    </div>
  );
};

type Outcome = { readonly kind: 'saved'; readonly version: number } | { readonly kind: 'conflict' } | { readonly kind: 'invalid' } | { readonly kind: 'failed'; readonly error: TypedError } | null;

/**
 * The administrator's form: each rule on or off and its numbers, business hours and their time
 * zone. Checked at each field by the shared schema as typed; saved against the version it was
 * filled from, so a change another administrator made meanwhile is said in words and the current
 * rules are loaded into the form instead of being overwritten.
 */
interface RulesFormProps {
  /** The rules the form is filled from; a new version remounts it (keyed), so the form shows what is now in force. */
  readonly stored: StoredFloorAlertSettings;
  readonly outcome: Outcome;
  readonly setOutcome: (outcome: Outcome) => void;
  readonly onSaved: (saved: StoredFloorAlertSettings) => void;
  readonly onConflict: () => Promise<void>;
}

const RulesForm = ({ stored, outcome, setOutcome, onSaved, onConflict }: RulesFormProps) => {
  const { t } = useSupervisionTranslation();
  const call = useDeskStore((s) => s.internal_call);
  const [draft, setDraft] = useState<FloorRulesDraft>(() => draftOf(stored.settings));
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const checked = checkDraft(draft);
  const problems: ReadonlySet<DraftField> = touched && !checked.ok ? checked.problems : new Set();
  const problemAt = (field: DraftField): string | undefined => (problems.has(field) ? t(`floorRules.problem.${field}`) : undefined);
  const edit = (change: Partial<FloorRulesDraft>): void => {
    setDraft((current) => ({ ...current, ...change }));
    setTouched(true);
    if (outcome?.kind !== 'conflict') setOutcome(null);
  };

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTouched(true);
    if (!checked.ok) {
      setOutcome({ kind: 'invalid' });
      return;
    }
    setSaving(true);
    const result = await call('floor.saveAlertRules', { settings: checked.settings, version: stored.version }, { showsOwnError: true });
    setSaving(false);
    if (result.ok) {
      setOutcome({ kind: 'saved', version: result.data.version });
      onSaved(result.data);
    } else if (result.error.backend?.code === 'PRECONDITION_FAILED') {
      setOutcome({ kind: 'conflict' });
      await onConflict();
    } else {
      setOutcome({ kind: 'failed', error: result.error });
    }
  };

  return (
    <form className="floor-rules-form" aria-labelledby="floor-rules-form-title" noValidate onSubmit={(event) => void save(event)} data-testid="floor-rules-form">
      <h4 id="floor-rules-form-title">{t('floorRules.formTitle')}</h4>
      <fieldset>
        <legend>{t('floorRules.activationsLegend')}</legend>
        <Toggle id="floor-rules-activations-enabled" checked={draft.activationsEnabled} onChange={(value) => edit({ activationsEnabled: value })} />
        <Field id="activationsMax" label={t('floorRules.max')} value={draft.activationsMax} problem={problemAt('activationsMax')} inputMode="numeric" onChange={(value) => edit({ activationsMax: value })} />
      </fieldset>
      <fieldset>
        <legend>{t('floorRules.businessHoursLegend')}</legend>
        <Toggle id="floor-rules-hours-enabled" checked={draft.hoursEnabled} onChange={(value) => edit({ hoursEnabled: value })} />
        <Field id="start" label={t('floorRules.start')} value={draft.start} problem={problemAt('start')} onChange={(value) => edit({ start: value })} />
        <Field id="end" label={t('floorRules.end')} value={draft.end} problem={problemAt('end')} onChange={(value) => edit({ end: value })} />
        <Field id="timeZone" label={t('floorRules.timeZone')} value={draft.timeZone} problem={problemAt('timeZone')} onChange={(value) => edit({ timeZone: value })} />
      </fieldset>
      <fieldset>
        <legend>{t('floorRules.deletesLegend')}</legend>
        <Toggle id="floor-rules-deletes-enabled" checked={draft.deletesEnabled} onChange={(value) => edit({ deletesEnabled: value })} />
        <Field id="deletesMax" label={t('floorRules.max')} value={draft.deletesMax} problem={problemAt('deletesMax')} inputMode="numeric" onChange={(value) => edit({ deletesMax: value })} />
        <Field id="windowHours" label={t('floorRules.windowHours')} value={draft.windowHours} problem={problemAt('windowHours')} inputMode="numeric" onChange={(value) => edit({ windowHours: value })} />
      </fieldset>
      <fieldset>
        <legend>{t('floorRules.tamperedLegend')}</legend>
        <Toggle id="floor-rules-tampered-enabled" checked={draft.tamperedEnabled} onChange={(value) => edit({ tamperedEnabled: value })} />
      </fieldset>
      <div className="floor-rules-actions">
        <button type="submit" className="button-primary" disabled={saving}>
          {saving ? t('floorRules.saving') : t('floorRules.save')}
        </button>
      </div>
      <div role="status" data-testid="floor-rules-outcome" data-outcome={outcome?.kind ?? ''}>
        {outcome?.kind === 'saved' ? <p className="success-note">{t('floorRules.saved', { version: outcome.version })}</p> : null}
        {outcome?.kind === 'conflict' ? <p className="field-error">{t('floorRules.conflict')}</p> : null}
        {outcome?.kind === 'invalid' ? <p className="field-error">{t('floorRules.invalid')}</p> : null}
      </div>
      {outcome?.kind === 'failed' ? <CallErrorNotice error={outcome.error} title={t('floorRules.saveFailed')} /> : null}
    </form>
  );
};

/**
 * The floor's "alert rules" section: the rules in force in words for every supervisor, and for an
 * administrator the form that changes them. After a save the floor's alerts are evaluated again
 * (core sends the floor judged by the new rules; it is also read again here).
 */
export const FloorAlertRules = ({ onSaved }: { readonly onSaved: () => void }) => {
  const { t } = useSupervisionTranslation();
  const { i18n } = useTranslation();
  const language = uiLanguage(i18n);
  const call = useDeskStore((s) => s.internal_call);
  const agent = useDeskStore(sessionSelectors.agent);
  const [stored, setStored] = useState<StoredFloorAlertSettings | null>(null);
  const [error, setError] = useState<TypedError | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const read = useCallback(() => call('floor.alertRules', {}, { showsOwnError: true }), [call]);
  const show = (result: Awaited<ReturnType<typeof read>>): void => {
    if (result.ok) {
      setStored(result.data);
      setError(null);
    } else setError(result.error);
  };
  const load = async (): Promise<void> => show(await read());
  useEffect(() => {
    let current = true;
    void read().then((result) => {
      if (!current) return;
      if (result.ok) setStored(result.data);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [read]);

  return (
    <section className="floor-section" aria-labelledby="floor-rules-title" data-testid="floor-rules">
      <h3 id="floor-rules-title">{t('floorRules.title')}</h3>
      {error !== null ? <CallErrorNotice error={error} title={t('floorRules.loadFailed')} onRetry={() => void load()} /> : null}
      {stored === null ? null : (
        <>
          <RulesInWords settings={stored.settings} />
          <p className="floor-note" data-testid="floor-rules-version" data-version={stored.version}>
            {stored.changedBy === null || stored.changedAt === null
              ? t('floorRules.defaults')
              : t('floorRules.changed', { version: stored.version, name: stored.changedBy.name, time: formatDateTime(stored.changedAt, language) })}
          </p>
          {agent?.role === 'admin' ? (
            <RulesForm
              key={stored.version}
              stored={stored}
              outcome={outcome}
              setOutcome={setOutcome}
              onSaved={(saved) => {
                setStored(saved);
                onSaved();
              }}
              onConflict={load}
            />
          ) : null}
        </>
      )}
    </section>
  );
};
