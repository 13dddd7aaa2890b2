import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateContent, TemplateKey } from '../../../shared/api/notifications';
import { OPTIONAL_PLACEHOLDERS, PLACEHOLDERS, isOptionalPlaceholder, type PlaceholderName, type TemplateProblem } from '../../../shared/domain/notification-template';
import { formatList } from '../../format/date-time';
import { useLanguage } from '../../hooks/use-language';
import { HighlightedTextarea } from './HighlightedTextarea';
import { placeholderLabelKey } from './label-keys';
import { optionalSentenceExample, problemMessage, problemPlace } from './problem-text';

interface TemplateFieldsProps {
  readonly templateKey: TemplateKey;
  readonly content: TemplateContent;
  readonly problems: readonly TemplateProblem[];
  readonly onEdit: (patch: Partial<TemplateContent>) => void;
}

/** What a placeholder button puts in: an optional one comes wrapped in its optional sentence. */
const insertion = (name: PlaceholderName): string => (isOptionalPlaceholder(name) ? `{{ {{${name}}} }}` : `{{${name}}}`);

/**
 * Subject (e-mail only) and body, each with its problems marked in place and listed under it; a
 * problem in the list selects its place in the field. Buttons insert the placeholders spelled as
 * the platform wants them (docs/domain.md, "Cardholder notifications").
 */
export const TemplateFields = ({ templateKey, content, problems, onEdit }: TemplateFieldsProps) => {
  const { t } = useTranslation();
  const language = useLanguage();
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const isEmail = templateKey.channel === 'EMAIL';
  const subject = content.subject ?? '';
  const bodyProblems = problems.filter((problem) => problem.field === 'body');
  const subjectProblems = problems.filter((problem) => problem.field === 'subject');

  const insert = (name: PlaceholderName): void => {
    const field = bodyRef.current;
    const text = insertion(name);
    const at = field ? field.selectionStart : content.body.length;
    const end = field ? field.selectionEnd : at;
    onEdit({ body: content.body.slice(0, at) + text + content.body.slice(end) });
    // After React has put the new text in, the caret goes after what was inserted (inside the sentence for an optional one).
    requestAnimationFrame(() => {
      if (!bodyRef.current) return;
      const caret = at + (isOptionalPlaceholder(name) ? 3 : text.length);
      bodyRef.current.focus();
      bodyRef.current.setSelectionRange(caret, caret);
    });
  };

  const select = (problem: TemplateProblem): void => {
    const field = problem.field === 'subject' ? subjectRef.current : problem.field === 'body' ? bodyRef.current : null;
    if (!field) return;
    field.focus();
    if (problem.start !== null && problem.end !== null) field.setSelectionRange(problem.start, problem.end);
  };

  const problemList = (list: readonly TemplateProblem[], text: string, id: string) =>
    list.length === 0 ? null : (
      <ul className="template-problems" id={id} data-testid={`${id}`}>
        {list.map((problem, index) => (
          <li key={`${problem.code}-${String(problem.start)}-${String(index)}`} className="template-problem" data-code={problem.code}>
            <button type="button" className="template-problem-place" onClick={() => select(problem)} title={t('notifications.editor.showProblem')}>
              {problemPlace(problem, text, t)}
            </button>
            <span className="template-problem-message">{problemMessage(problem, t, language)}</span>
          </li>
        ))}
      </ul>
    );

  return (
    <div className="template-fields">
      <div className="template-field">
        <label htmlFor="template-subject">{t('notifications.editor.subject')}</label>
        {isEmail ? (
          <>
            <input
              id="template-subject"
              ref={subjectRef}
              type="text"
              value={subject}
              maxLength={200}
              spellCheck={false}
              aria-invalid={subjectProblems.length > 0 || undefined}
              aria-describedby={subjectProblems.length > 0 ? 'template-subject-problems' : undefined}
              data-testid="template-subject"
              onChange={(event) => onEdit({ subject: event.target.value })}
            />
            {problemList(subjectProblems, subject, 'template-subject-problems')}
          </>
        ) : (
          <p className="hint" id="template-subject">
            {t('notifications.editor.subjectSms')}
          </p>
        )}
      </div>
      <div className="template-field">
        <label htmlFor="template-body">{t('notifications.editor.body')}</label>
        <p className="hint" id="template-body-hint">
          {t('notifications.editor.bodyHint', {
            optional: formatList(OPTIONAL_PLACEHOLDERS.map((name) => `{{${name}}}`), language),
            example: optionalSentenceExample(language),
          })}
        </p>
        <HighlightedTextarea
          id="template-body"
          value={content.body}
          marks={bodyProblems.flatMap((problem) => (problem.start !== null && problem.end !== null ? [{ start: problem.start, end: problem.end }] : []))}
          onChange={(body) => onEdit({ body })}
          textareaRef={bodyRef}
          rows={isEmail ? 10 : 6}
          describedBy={bodyProblems.length > 0 ? 'template-body-hint template-body-problems' : 'template-body-hint'}
          invalid={bodyProblems.length > 0}
          testId="template-body"
        />
        {problemList(bodyProblems, content.body, 'template-body-problems')}
        <div className="template-insert" role="group" aria-label={t('notifications.editor.insert')}>
          {PLACEHOLDERS.map((name) => (
            <button
              key={name}
              type="button"
              className="button-secondary template-insert-button"
              aria-label={t('notifications.editor.insertOne', { placeholder: `{{${name}}}` })}
              title={t(placeholderLabelKey[name])}
              onClick={() => insert(name)}
            >
              <code>{`{{${name}}}`}</code>
              <span className="template-insert-label">{t(placeholderLabelKey[name])}</span>
            </button>
          ))}
        </div>
      </div>
    </div>
  );
};
