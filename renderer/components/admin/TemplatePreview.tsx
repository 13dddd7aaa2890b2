import { useTranslation } from 'react-i18next';
import { TemplateLanguage, type NotificationSettings, type TemplateContent, type TemplateKey } from '../../../shared/api/notifications';
import { renderTemplate, type NotificationValues, type RenderResult } from '../../../shared/domain/notification-template';
import { languageLabelKey } from './label-keys';
import { SAMPLE_VALUES, withoutOptional } from './sample-values';

interface TemplatePreviewProps {
  readonly templateKey: TemplateKey;
  /** The text of each language's template for this event and channel: the draft if any, else the saved one. */
  readonly contentOf: (language: TemplateLanguage) => TemplateContent | null;
  readonly settings: NotificationSettings;
}

const Rendered = ({ result, testId, lang }: { result: RenderResult; testId: string; lang: TemplateLanguage }) => {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <p className="template-preview-refused" data-testid={testId} data-refused="true">
        {t('notifications.editor.preview.refused', { count: result.problems.length })}
      </p>
    );
  }
  return (
    <div className="template-preview-message" lang={lang} data-testid={testId}>
      {result.subject !== null ? <p className="template-preview-subject">{t('notifications.editor.preview.subject', { subject: result.subject })}</p> : null}
      <p className="template-preview-body">{result.body}</p>
      {result.masked ? <p className="hint">{t('notifications.editor.preview.masked')}</p> : null}
    </div>
  );
};

/**
 * The notification as a cardholder would receive it, on sample data, in Japanese and English side
 * by side: once with every optional value and once without, so a dropped optional sentence shows.
 * It is rendered by the same code the backend sends with.
 */
export const TemplatePreview = ({ templateKey, contentOf, settings }: TemplatePreviewProps) => {
  const { t } = useTranslation();
  // A preview needs some number; without one configured the renderer refuses, as the backend would.
  const customerServiceNumber = settings.customerServiceNumber ?? '';
  return (
    <section className="template-preview" aria-labelledby="template-preview-title" data-testid="template-preview">
      <h2 id="template-preview-title">{t('notifications.editor.preview.title')}</h2>
      <div className="template-preview-columns">
        {TemplateLanguage.options.map((language) => {
          const content = contentOf(language);
          const sample = SAMPLE_VALUES[language];
          const full: NotificationValues = { ...sample, customerServiceNumber };
          const bare: NotificationValues = { ...withoutOptional(sample), customerServiceNumber };
          const template = content === null ? null : { channel: templateKey.channel, ...content };
          return (
            <article key={language} className="template-preview-language" data-language={language} data-testid={`template-preview-${language}`}>
              <h3>
                {t(languageLabelKey[language])}
                {language === templateKey.language ? <span className="template-preview-editing">{t('notifications.editor.preview.editing')}</span> : null}
              </h3>
              <p className="hint">
                {t('notifications.editor.preview.sample', { fpan: sample.fpanLastDigits, wallet: sample.wallet, device: sample.deviceName ?? '' })}
              </p>
              {template === null ? (
                <p className="template-preview-refused">{t('notifications.editor.missing')}</p>
              ) : (
                <>
                  <h4>{t('notifications.editor.preview.withOptional')}</h4>
                  <Rendered result={renderTemplate(template, full)} testId={`template-preview-${language}-full`} lang={language} />
                  <h4>{t('notifications.editor.preview.withoutOptional')}</h4>
                  <Rendered result={renderTemplate(template, bare)} testId={`template-preview-${language}-bare`} lang={language} />
                </>
              )}
            </article>
          );
        })}
      </div>
    </section>
  );
};
