import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppMode, ConfigView } from '../../shared/contract';
import type { MessageKey } from '../../shared/i18n';
import {
  configFieldOf,
  formFromConfig,
  invalidFormFields,
  patchFromForm,
  type ConnectionFormField,
  type ConnectionFormValues,
} from '../settings/connection-form';
import { configSelectors } from '../store/config/selectors';
import { credentialsSelectors } from '../store/credentials/selectors';
import { useDeskStore } from '../store/store-context';
import { CallErrorNotice } from './CallErrorNotice';
import { EnrolmentCodeField, isEnrolmentCodeError } from './EnrolmentCodeField';
import { SettingsField } from './SettingsField';

type TextField = Exclude<ConnectionFormField, 'mode' | 'allowlist'>;

const backendFields = [
  { field: 'baseUrl', label: 'connection.baseUrl', type: 'url' },
  { field: 'issuerId', label: 'connection.issuerId', type: 'text' },
  { field: 'clientId', label: 'connection.clientId', type: 'text' },
  { field: 'keyId', label: 'connection.keyId', type: 'text' },
] as const satisfies readonly { field: TextField; label: MessageKey; type: string }[];

const mtlsFields = [
  { field: 'certFile', label: 'connection.certFile', type: 'text' },
  { field: 'keyFile', label: 'connection.keyFile', type: 'text' },
  { field: 'caFile', label: 'connection.caFile', type: 'text' },
] as const satisfies readonly { field: TextField; label: MessageKey; type: string }[];

/** The order the fields appear in, for moving focus to the first one at fault. */
const FIELD_ORDER: readonly ConnectionFormField[] = [
  ...backendFields.map(({ field }) => field),
  ...mtlsFields.map(({ field }) => field),
  'idleLockMinutes',
  'allowlist',
];

const modes: readonly { mode: AppMode; label: MessageKey }[] = [
  { mode: 'training', label: 'connection.modeTraining' },
  { mode: 'connected', label: 'connection.modeConnected' },
];

/**
 * The user's side of the configuration. Fields the installer locked are read-only with the reason
 * beside them; main refuses them anyway. Only changed fields are sent.
 */
export const ConnectionForm = ({ config }: { config: ConfigView }) => {
  const { t } = useTranslation();
  const saving = useDeskStore(configSelectors.isSaving);
  const mayChange = useDeskStore(credentialsSelectors.mayChangeSetup);
  const outcome = useDeskStore(configSelectors.saveOutcome);
  const refusedPaths = useDeskStore(configSelectors.invalidFieldPaths);
  const saveConfig = useDeskStore((s) => s.saveConfig);
  const loadCredentials = useDeskStore((s) => s.loadCredentials);
  // Before the first key, where the installer set a code, settings need it as the key does (core checks it).
  const asksForCode = useDeskStore(credentialsSelectors.asksForEnrolmentCode);
  const [enrolmentCode, setEnrolmentCode] = useState('');
  const [values, setValues] = useState<ConnectionFormValues>(() => formFromConfig(config));
  const [localInvalid, setLocalInvalid] = useState<readonly ConnectionFormField[]>([]);

  const locked = (field: ConnectionFormField): boolean => config.lockedFields.includes(configFieldOf[field]);
  const refused = useMemo(() => invalidFormFields(refusedPaths), [refusedPaths]);
  const invalid = (field: ConnectionFormField): boolean => refused.has(field) || localInvalid.includes(field);
  const set = (field: ConnectionFormField, value: string): void => setValues((current) => ({ ...current, [field]: value }));

  // After a refusal the agent lands on the first field main named, which may be far above the Save button.
  useEffect(() => {
    const first = FIELD_ORDER.find((field) => refused.has(field));
    if (first !== undefined) document.getElementById(`connection-${first}`)?.focus();
  }, [refused]);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const { patch, invalid: notSendable } = patchFromForm(values, config);
    setLocalInvalid(notSendable);
    if (notSendable.length > 0) {
      document.getElementById(`connection-${notSendable[0]}`)?.focus();
      return;
    }
    // The code goes with a change only (nothing to save, nothing to unlock), and lives in the field only until sent.
    const code = asksForCode && Object.keys(patch).length > 0 && enrolmentCode.trim() !== '' ? enrolmentCode : null;
    if (code !== null) setEnrolmentCode('');
    const saved = await saveConfig(code !== null ? { ...patch, enrolmentCode: code } : patch);
    // Main's canonical form (a trailing slash dropped, paths made absolute) replaces what was typed.
    if (saved !== null) setValues(formFromConfig(saved));
    // A right code opened the enrolment: the key panel stops asking for it.
    if (saved !== null && code !== null) void loadCredentials();
  };
  const codeError = outcome?.kind === 'failed' && isEnrolmentCodeError(outcome.error) ? outcome.error : null;

  const textInput = (field: TextField, label: MessageKey, type: string, hint?: MessageKey) => (
    <SettingsField
      key={field}
      id={`connection-${field}`}
      label={t(label)}
      hint={hint !== undefined ? t(hint) : undefined}
      locked={locked(field)}
      invalid={invalid(field)}
    >
      {(describedBy) => (
        <input
          id={`connection-${field}`}
          name={field}
          type={type}
          value={values[field]}
          readOnly={locked(field)}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={invalid(field)}
          aria-describedby={describedBy}
          onChange={(event) => set(field, event.target.value)}
        />
      )}
    </SettingsField>
  );

  const backendLocked = locked('mode');
  return (
    <form className="form settings-form" aria-labelledby="connection-form-title" noValidate onSubmit={(event) => void submit(event)}>
      <h2 id="connection-form-title">{t('connection.formLabel')}</h2>
      {!mayChange ? (
        <p className="notice" data-testid="connection-admin-required">
          {t('errors.adminRequired')}
        </p>
      ) : null}
      {/* Shown, not changeable, until an administrator signs in: core refuses the save anyway. */}
      <fieldset className="fieldset-plain" disabled={!mayChange}>
      <fieldset className="fieldset" aria-describedby={backendLocked ? 'connection-mode-locked' : undefined}>
        <legend>{t('connection.modeLegend')}</legend>
        <div className="radio-group">
          {modes.map(({ mode, label }) => (
            <label key={mode} className="radio">
              <input
                type="radio"
                name="mode"
                value={mode}
                checked={values.mode === mode}
                disabled={backendLocked}
                onChange={() => set('mode', mode)}
              />
              {t(label)}
            </label>
          ))}
        </div>
        {backendLocked ? (
          <p id="connection-mode-locked" className="locked-note">
            {t('connection.lockedByAdmin')}
          </p>
        ) : null}
      </fieldset>

      {values.mode === 'connected' ? (
        <>
          <fieldset className="fieldset">
            <legend>{t('connection.backendLegend')}</legend>
            {backendFields.map(({ field, label, type }) => textInput(field, label, type))}
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t('connection.mtlsLegend')}</legend>
            <p className="hint">{t('connection.mtlsHint')}</p>
            {mtlsFields.map(({ field, label, type }) => textInput(field, label, type))}
          </fieldset>
        </>
      ) : null}

      <fieldset className="fieldset">
        <legend>{t('connection.consoleLegend')}</legend>
        {textInput('idleLockMinutes', 'connection.idleLockMinutes', 'number', 'connection.idleLockHint')}
        <SettingsField
          id="connection-allowlist"
          label={t('connection.allowlist')}
          hint={t('connection.allowlistHint')}
          locked={locked('allowlist')}
          invalid={invalid('allowlist')}
        >
          {(describedBy) => (
            <textarea
              id="connection-allowlist"
              name="allowlist"
              rows={3}
              value={values.allowlist}
              readOnly={locked('allowlist')}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={invalid('allowlist')}
              aria-describedby={describedBy}
              onChange={(event) => set('allowlist', event.target.value)}
            />
          )}
        </SettingsField>
      </fieldset>

      {asksForCode ? (
        <EnrolmentCodeField id="connection-enrolment-code" value={enrolmentCode} onChange={setEnrolmentCode} error={codeError} hint={t('connection.enrolmentCodeHint')} />
      ) : null}
      </fieldset>
      <div className="form-footer">
        <button type="submit" className="button-primary" aria-busy={saving} disabled={saving || !mayChange}>
          {saving ? t('connection.saving') : t('connection.save')}
        </button>
        <div className="form-outcome" role="status">
          {outcome?.kind === 'saved' ? (
            <p className="notice notice-ok" data-testid="config-saved">
              {outcome.changed ? t('connection.saved') : t('connection.unchanged')}
              {outcome.restartRequired ? <strong className="restart-required"> {t('connection.restartRequired')}</strong> : null}
            </p>
          ) : null}
        </div>
      </div>
      {outcome?.kind === 'failed' && codeError === null ? <CallErrorNotice error={outcome.error} testId="config-error" /> : null}
    </form>
  );
};
