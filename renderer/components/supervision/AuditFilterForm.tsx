import { useState, type FormEvent } from 'react';
import { AuditKind, AuditOutcome } from '../../../shared/api/audit';
import { AuditFilter } from '../../../shared/contract';
import { useSupervisionTranslation } from './supervision-messages';

type TextField = 'agentId' | 'cardholderId' | 'virtualCardId' | 'correlationId';
const TEXT_FIELDS: readonly TextField[] = ['agentId', 'cardholderId', 'virtualCardId', 'correlationId'];
type FilterField = TextField | 'kind' | 'outcome' | 'from' | 'to';
const FILTER_FIELDS: ReadonlySet<string> = new Set<FilterField>([...TEXT_FIELDS, 'kind', 'outcome', 'from', 'to']);

interface Draft {
  readonly text: Readonly<Record<TextField, string>>;
  readonly kind: string;
  readonly outcome: string;
  /** `datetime-local` values, in the supervisor's own time. */
  readonly from: string;
  readonly to: string;
}

/** An ISO instant as a `datetime-local` value in the supervisor's own time, and back. */
const toLocalInput = (iso: string | undefined): string => {
  if (iso === undefined) return '';
  const at = new Date(iso);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocalInput = (value: string): string | undefined => {
  if (value === '') return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? value : at.toISOString();
};

const draftOf = (filter: AuditFilter): Draft => ({
  text: { agentId: filter.agentId ?? '', cardholderId: filter.cardholderId ?? '', virtualCardId: filter.virtualCardId ?? '', correlationId: filter.correlationId ?? '' },
  kind: filter.kind ?? '',
  outcome: filter.outcome ?? '',
  from: toLocalInput(filter.from),
  to: toLocalInput(filter.to),
});

const present = <T,>(entries: readonly (readonly [string, T | undefined])[]): Record<string, T> =>
  Object.fromEntries(entries.filter((entry): entry is readonly [string, T] => entry[1] !== undefined && entry[1] !== ''));

/**
 * The audit list's filter: a draft until applied, checked against the contract's own schema before
 * anything is asked, so a malformed id is named at its field rather than refused by main.
 */
export const AuditFilterForm = ({ filter, onApply }: { readonly filter: AuditFilter; readonly onApply: (filter: AuditFilter) => void }) => {
  const { t } = useSupervisionTranslation();
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const [invalid, setInvalid] = useState<readonly string[]>([]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const candidate = present<string>([
      ...TEXT_FIELDS.map((field) => [field, draft.text[field].trim()] as const),
      ['kind', draft.kind],
      ['outcome', draft.outcome],
      ['from', fromLocalInput(draft.from)],
      ['to', fromLocalInput(draft.to)],
    ]);
    const parsed = AuditFilter.safeParse(candidate);
    if (!parsed.success) {
      setInvalid([...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))]);
      return;
    }
    setInvalid([]);
    onApply(parsed.data);
  };

  const fieldLabel = (field: string): string => (FILTER_FIELDS.has(field) ? t(`audit.filter.${field as FilterField}`) : field);

  return (
    <form className="audit-filter" onSubmit={submit} aria-label={t('audit.filter.legend')} data-testid="audit-filter">
      {TEXT_FIELDS.map((field) => (
        <label key={field} className="audit-filter-field">
          <span>{t(`audit.filter.${field}`)}</span>
          <input
            type="text"
            name={field}
            value={draft.text[field]}
            aria-invalid={invalid.includes(field) || undefined}
            onChange={(event) => {
              setDraft({ ...draft, text: { ...draft.text, [field]: event.target.value } });
              setInvalid(invalid.filter((each) => each !== field));
            }}
            spellCheck={false}
            autoComplete="off"
          />
        </label>
      ))}
      <label className="audit-filter-field">
        <span>{t('audit.filter.kind')}</span>
        <select name="kind" value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value })}>
          <option value="">{t('audit.filter.any')}</option>
          {AuditKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`audit.kind.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="audit-filter-field">
        <span>{t('audit.filter.outcome')}</span>
        <select name="outcome" value={draft.outcome} onChange={(event) => setDraft({ ...draft, outcome: event.target.value })}>
          <option value="">{t('audit.filter.any')}</option>
          {AuditOutcome.options.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t(`audit.outcome.${outcome}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="audit-filter-field">
        <span>{t('audit.filter.from')}</span>
        <input type="datetime-local" name="from" value={draft.from} aria-invalid={invalid.includes('from') || undefined} onChange={(event) => setDraft({ ...draft, from: event.target.value })} />
      </label>
      <label className="audit-filter-field">
        <span>{t('audit.filter.to')}</span>
        <input type="datetime-local" name="to" value={draft.to} aria-invalid={invalid.includes('to') || undefined} onChange={(event) => setDraft({ ...draft, to: event.target.value })} />
      </label>
      <div className="audit-filter-actions">
        <button type="submit">{t('audit.filter.apply')}</button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            setDraft(draftOf({}));
            setInvalid([]);
            onApply({});
          }}
        >
          {t('audit.filter.clear')}
        </button>
      </div>
      {invalid.length > 0 ? (
        <p className="audit-filter-invalid" role="alert">
          {t('audit.filter.invalid', { fields: invalid.map(fieldLabel).join(', ') })}
        </p>
      ) : null}
    </form>
  );
};
