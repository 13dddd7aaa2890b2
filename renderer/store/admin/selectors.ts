import type { NotificationTemplate, NotificationTemplates, TemplateContent, TemplateKey } from '../../../shared/api/notifications';
import type { SessionSliceState } from '../session/initialState';
import { sessionSelectors } from '../session/selectors';
import { templateId, type AdminSliceState, type TemplateEditorState } from './initialState';

type WithEditor = Pick<AdminSliceState, 'templateEditor'>;

const savedIn = (loaded: NotificationTemplates | null, key: TemplateKey): NotificationTemplate | null =>
  loaded?.templates.find((template) => template.event === key.event && template.channel === key.channel && template.language === key.language) ?? null;

/** What the editor shows for a template: the draft if there is one, else what is saved. */
const contentOf = (editor: TemplateEditorState, key: TemplateKey): TemplateContent | null => {
  const draft = editor.drafts[templateId(key)];
  if (draft) return draft;
  const saved = savedIn(editor.loaded, key);
  return saved ? { subject: saved.subject, body: saved.body } : null;
};

export const adminSelectors = {
  templateEditor: (s: WithEditor) => s.templateEditor,
  /** Only an administrator, signed in, with the editor open: an agent never reaches it, even by state. */
  templateEditorShown: (s: WithEditor & Pick<SessionSliceState, 'session'>): boolean => s.templateEditor.open && sessionSelectors.isAdmin(s),
  selectedKey: (s: WithEditor): TemplateKey => s.templateEditor.selected,
  saved:
    (key: TemplateKey) =>
    (s: WithEditor): NotificationTemplate | null =>
      savedIn(s.templateEditor.loaded, key),
  content:
    (key: TemplateKey) =>
    (s: WithEditor): TemplateContent | null =>
      contentOf(s.templateEditor, key),
  isEdited:
    (key: TemplateKey) =>
    (s: WithEditor): boolean =>
      s.templateEditor.drafts[templateId(key)] !== undefined,
  settings: (s: WithEditor) => s.templateEditor.loaded?.settings ?? null,
};

export { contentOf as templateContentOf, savedIn as savedTemplateIn };
