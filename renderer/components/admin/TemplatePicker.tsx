import { useTranslation } from 'react-i18next';
import { NotificationChannel, NotificationEvent, TemplateLanguage, type TemplateKey } from '../../../shared/api/notifications';
import { channelLabelKey, eventLabelKey, languageLabelKey } from './label-keys';

interface TemplatePickerProps {
  readonly selected: TemplateKey;
  readonly isEdited: (key: TemplateKey) => boolean;
  readonly onSelect: (patch: Partial<TemplateKey>) => void;
}

/** Which template is open: the event as a list, channel and language as radio buttons. Edited ones say so. */
export const TemplatePicker = ({ selected, isEdited, onSelect }: TemplatePickerProps) => {
  const { t } = useTranslation();
  const edited = (label: string, key: TemplateKey): string => (isEdited(key) ? `${label} (${t('notifications.editor.edited')})` : label);
  return (
    <fieldset className="template-picker">
      <legend className="visually-hidden">{t('notifications.editor.pickLabel')}</legend>
      <label className="template-picker-event">
        <span>{t('notifications.editor.event')}</span>
        <select
          value={selected.event}
          data-testid="template-event"
          onChange={(event) => onSelect({ event: NotificationEvent.parse(event.target.value) })}
        >
          {NotificationEvent.options.map((event) => (
            <option key={event} value={event}>
              {edited(t(eventLabelKey[event]), { ...selected, event })}
            </option>
          ))}
        </select>
      </label>
      <div className="template-picker-group" role="radiogroup" aria-label={t('notifications.editor.channel')}>
        <span aria-hidden="true">{t('notifications.editor.channel')}</span>
        {NotificationChannel.options.map((channel) => (
          <label key={channel} className="template-radio">
            <input type="radio" name="template-channel" value={channel} checked={selected.channel === channel} onChange={() => onSelect({ channel })} />
            {edited(t(channelLabelKey[channel]), { ...selected, channel })}
          </label>
        ))}
      </div>
      <div className="template-picker-group" role="radiogroup" aria-label={t('notifications.editor.language')}>
        <span aria-hidden="true">{t('notifications.editor.language')}</span>
        {TemplateLanguage.options.map((language) => (
          <label key={language} className="template-radio">
            <input type="radio" name="template-language" value={language} checked={selected.language === language} onChange={() => onSelect({ language })} />
            {edited(t(languageLabelKey[language]), { ...selected, language })}
          </label>
        ))}
      </div>
    </fieldset>
  );
};
