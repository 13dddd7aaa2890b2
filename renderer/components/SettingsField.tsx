import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface SettingsFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  /** Set by the installer: shown read-only with the reason beside it. */
  readonly locked: boolean;
  readonly invalid: boolean;
  /** The control; it receives the ids to describe it with through `describedBy`. */
  readonly children: (describedBy: string | undefined) => ReactNode;
}

/** A labelled settings control with its hint, its "set by your administrator" note and its error. */
export const SettingsField = ({ id, label, hint, locked, invalid, children }: SettingsFieldProps) => {
  const { t } = useTranslation();
  const described = [hint !== undefined ? `${id}-hint` : null, locked ? `${id}-locked` : null, invalid ? `${id}-error` : null]
    .filter((part): part is string => part !== null)
    .join(' ');
  return (
    <div className="field" data-invalid={invalid || undefined} data-locked={locked || undefined}>
      <label htmlFor={id}>{label}</label>
      {children(described === '' ? undefined : described)}
      {locked ? (
        <p id={`${id}-locked`} className="locked-note">
          {t('connection.lockedByAdmin')}
        </p>
      ) : null}
      {hint !== undefined ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${id}-error`} className="field-error">
          {t('connection.fieldInvalid')}
        </p>
      ) : null}
    </div>
  );
};
