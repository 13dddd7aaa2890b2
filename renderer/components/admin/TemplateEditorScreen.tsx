import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateKey, TemplateLanguage } from '../../../shared/api/notifications';
import { validateTemplate, type TemplateProblem } from '../../../shared/domain/notification-template';
import { formatDateTime } from '../../format/date-time';
import { useEscapeKey } from '../../hooks/use-escape-key';
import { useLanguage } from '../../hooks/use-language';
import { useReturnFocus } from '../../hooks/use-return-focus';
import { templateId } from '../../store/admin/initialState';
import { adminSelectors, templateContentOf } from '../../store/admin/selectors';
import { useDeskStore } from '../../store/store-context';
import { CallErrorNotice } from '../CallErrorNotice';
import { TemplateFields } from './TemplateFields';
import { TemplatePicker } from './TemplatePicker';
import { TemplatePreview } from './TemplatePreview';
import './admin.css';

const sameProblem = (a: TemplateProblem, b: TemplateProblem): boolean => a.code === b.code && a.field === b.field && a.start === b.start;

/**
 * The administrator's editor of cardholder notification templates
 * (docs/domain.md, "Cardholder notifications"): pick the event, channel and language; edit; see
 * problems where they are and the message as sent, in both languages. A refused save says why and
 * keeps every character typed.
 */
export const TemplateEditorScreen = () => {
  const { t } = useTranslation();
  const close = useDeskStore((s) => s.closeTemplateEditor);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useReturnFocus();
  useEscapeKey(close);
  useEffect(() => {
    headingRef.current?.focus();
  }, []);
  return (
    <section className="settings-screen templates-screen" aria-labelledby="templates-title" data-testid="template-editor">
      <header className="settings-header">
        <div>
          <h1 id="templates-title" ref={headingRef} tabIndex={-1}>
            {t('notifications.editor.title')}
          </h1>
          <p className="hint">{t('notifications.editor.intro')}</p>
        </div>
        <div className="settings-close">
          <button type="button" className="button-secondary" aria-keyshortcuts="Escape" onClick={close}>
            {t('notifications.editor.close')}
          </button>
        </div>
      </header>
      <TemplateEditor />
    </section>
  );
};

/** The editor itself, under the screen's heading: loading, settings, picker, fields, preview, save. */
export const TemplateEditor = () => {
  const { t } = useTranslation();
  const language = useLanguage();
  const editor = useDeskStore(adminSelectors.templateEditor);
  const load = useDeskStore((s) => s.loadTemplates);
  const select = useDeskStore((s) => s.selectTemplate);
  const edit = useDeskStore((s) => s.editTemplate);
  const revert = useDeskStore((s) => s.revertTemplate);
  const save = useDeskStore((s) => s.saveTemplate);

  const key = editor.selected;
  const id = templateId(key);
  const content = useMemo(() => templateContentOf(editor, key) ?? { subject: key.channel === 'EMAIL' ? '' : null, body: '' }, [editor, key]);
  const settings = editor.loaded?.settings ?? null;
  const saved = editor.loaded ? (editor.loaded.templates.find((template) => templateId(template) === id) ?? null) : null;
  const edited = editor.drafts[id] !== undefined;
  const isEdited = useCallback((other: TemplateKey) => editor.drafts[templateId(other)] !== undefined, [editor.drafts]);
  const contentOf = useCallback((other: TemplateLanguage) => templateContentOf(editor, { ...key, language: other }), [editor, key]);

  const liveProblems = useMemo(
    () => (settings === null ? [] : validateTemplate({ channel: key.channel, ...content }, settings)),
    [settings, key.channel, content],
  );
  // What core or the backend refused and the live check does not see (another rule there) is listed too.
  const refused = editor.save.state === 'invalid' && editor.save.id === id ? editor.save.problems : [];
  const problems = [...liveProblems, ...refused.filter((problem) => !liveProblems.some((live) => sameProblem(live, problem)))];
  const saveState = editor.save.state !== 'idle' && editor.save.id === id ? editor.save : null;

  return editor.loaded === null ? (
    editor.loadError !== null && !editor.loading ? (
      <CallErrorNotice
        error={editor.loadError}
        title={t('notifications.editor.loadFailed')}
        onRetry={() => void load()}
        retryLabel={t('notifications.editor.retry')}
      />
    ) : (
      <p className="loading-state" role="status">
        {t('notifications.editor.loading')}
      </p>
    )
  ) : (
    <>
      <div className="template-settings" data-testid="template-settings">
        <span>
          {settings?.customerServiceNumber
            ? t('notifications.editor.customerServiceNumber', { number: settings.customerServiceNumber })
            : t('notifications.editor.customerServiceNumberNotSet')}
        </span>
        {settings ? <span>{t('notifications.editor.reminderAfter', { hours: String(settings.reminderAfterHours) })}</span> : null}
        {settings?.issuerSendsOwnOtp ? (
          <p className="notice notice-warning" data-testid="platform-notifications-off">
            {t('notifications.platformOff')}
          </p>
        ) : null}
      </div>
      <div className="templates-columns">
        <div className="templates-edit">
          <TemplatePicker selected={key} isEdited={isEdited} onSelect={select} />
          <p className="template-status hint">
            {saved?.updatedBy
              ? t('notifications.editor.lastSavedBy', { time: formatDateTime(saved.updatedAt, language), agent: saved.updatedBy })
              : t('notifications.editor.never')}
            {edited ? <strong className="template-unsaved"> {t('notifications.editor.unsaved')}</strong> : null}
          </p>
          <TemplateFields templateKey={key} content={content} problems={problems} onEdit={edit} />
          <div className="template-problems-summary" data-testid="template-problems-summary" data-count={problems.length}>
            {problems.length === 0 ? t('notifications.editor.noProblems') : t('notifications.editor.problemsTitle', { count: problems.length })}
          </div>
          <div className="template-actions">
            <button
              type="button"
              className="button-primary"
              disabled={!edited || saveState?.state === 'saving'}
              aria-busy={saveState?.state === 'saving'}
              data-testid="template-save"
              onClick={() => void save()}
            >
              {saveState?.state === 'saving' ? t('notifications.editor.saving') : t('notifications.editor.save')}
            </button>
            <button type="button" className="button-secondary" disabled={!edited || saveState?.state === 'saving'} onClick={revert}>
              {t('notifications.editor.revert')}
            </button>
          </div>
          <div role="status" aria-live="polite" className="template-save-outcome" data-testid="template-save-outcome" data-state={saveState?.state ?? 'idle'}>
            {saveState?.state === 'saved' ? <p className="notice notice-ok">{t('notifications.editor.saved')}</p> : null}
            {saveState?.state === 'invalid' ? <p className="notice notice-error">{t('notifications.editor.notSavedInvalid')}</p> : null}
          </div>
          {saveState?.state === 'failed' ? <CallErrorNotice error={saveState.error} title={t('notifications.editor.notSavedError')} /> : null}
        </div>
        {settings ? <TemplatePreview templateKey={key} contentOf={contentOf} settings={settings} /> : null}
      </div>
    </>
  );
};
