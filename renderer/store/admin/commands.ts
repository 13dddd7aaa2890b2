import type { TemplateContent, TemplateKey } from '../../../shared/api/notifications';
import { problemFromField, validateTemplate, type TemplateProblem } from '../../../shared/domain/notification-template';
import type { SliceCreator } from '../slice';
import type { CallsMain } from '../status/commands';
import { templateId, type AdminSliceState, type TemplateEditorState } from './initialState';
import { savedTemplateIn, templateContentOf } from './selectors';

export interface AdminCommands {
  /** Opens the template editor (administrators only) and loads the templates the first time. */
  openTemplateEditor(): Promise<void>;
  closeTemplateEditor(): void;
  loadTemplates(): Promise<void>;
  selectTemplate(patch: Partial<TemplateKey>): void;
  /** Changes the selected template's draft; the saved template is untouched until Save. */
  editTemplate(patch: Partial<TemplateContent>): void;
  /** Drops the selected template's draft, back to what is saved. */
  revertTemplate(): void;
  /**
   * Saves the selected template's draft. An invalid one is refused here with its problems, before
   * anything is sent; core and the backend check again. The draft is kept until the save succeeds.
   */
  saveTemplate(): Promise<void>;
}

export const createAdminCommands: SliceCreator<AdminSliceState & AdminCommands & CallsMain, AdminCommands> =
  () =>
  (set, get) => {
    const patch = (change: Partial<TemplateEditorState>): void => set((s) => ({ templateEditor: { ...s.templateEditor, ...change } }));
    const editor = (): TemplateEditorState => get().templateEditor;

    return {
      openTemplateEditor: async () => {
        patch({ open: true });
        if (editor().loaded === null && !editor().loading) await get().loadTemplates();
      },

      closeTemplateEditor: () => patch({ open: false, save: { state: 'idle' } }),

      loadTemplates: async () => {
        patch({ loading: true, loadError: null });
        const result = await get().internal_call('notifications.templates', {}, { showsOwnError: true });
        if (result.ok) patch({ loading: false, loaded: result.data });
        else patch({ loading: false, loadError: result.error });
      },

      selectTemplate: (change) => {
        const current = editor();
        patch({ selected: { ...current.selected, ...change }, save: current.save.state === 'saving' ? current.save : { state: 'idle' } });
      },

      editTemplate: (change) => {
        const current = editor();
        const key = current.selected;
        const base = templateContentOf(current, key) ?? { subject: key.channel === 'EMAIL' ? '' : null, body: '' };
        const id = templateId(key);
        patch({
          drafts: { ...current.drafts, [id]: { ...base, ...change } },
          // A refusal was about the text before this change; the live check takes over.
          save: current.save.state === 'saving' ? current.save : { state: 'idle' },
        });
      },

      revertTemplate: () => {
        const current = editor();
        const id = templateId(current.selected);
        const { [id]: _dropped, ...rest } = current.drafts;
        patch({ drafts: rest, save: { state: 'idle' } });
      },

      saveTemplate: async () => {
        const current = editor();
        const key = current.selected;
        const id = templateId(key);
        const content = current.drafts[id];
        if (content === undefined || current.save.state === 'saving') return;
        const settings = current.loaded?.settings ?? { customerServiceNumber: null };
        const problems = validateTemplate({ channel: key.channel, ...content }, settings);
        if (problems.length > 0) {
          patch({ save: { state: 'invalid', id, problems, error: null } });
          return;
        }
        patch({ save: { state: 'saving', id } });
        // SMS has no subject: an empty field is sent as none.
        const sent: TemplateContent = { subject: key.channel === 'SMS' && content.subject === '' ? null : content.subject, body: content.body };
        const result = await get().internal_call('notifications.saveTemplate', { key, content: sent }, { showsOwnError: true });
        const after = editor();
        if (!result.ok) {
          const refused = (result.error.fields ?? []).map(problemFromField).filter((problem): problem is TemplateProblem => problem !== null);
          patch({
            save:
              result.error.code === 'TEMPLATE_INVALID'
                ? { state: 'invalid', id, problems: refused, error: result.error }
                : { state: 'failed', id, error: result.error },
          });
          return;
        }
        const saved = result.data;
        const loaded = after.loaded;
        const templates = loaded
          ? savedTemplateIn(loaded, key)
            ? loaded.templates.map((template) => (templateId(template) === id ? saved : template))
            : [...loaded.templates, saved]
          : [saved];
        // Typing after Save was pressed made a newer draft: keep it, it is not what was saved.
        const { [id]: draftNow, ...otherDrafts } = after.drafts;
        const unchanged = draftNow === content;
        patch({
          loaded: loaded ? { ...loaded, templates } : null,
          drafts: unchanged ? otherDrafts : after.drafts,
          save: { state: 'saved', id },
        });
      },
    };
  };
