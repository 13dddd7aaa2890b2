import type { NotificationTemplates, TemplateContent, TemplateKey } from '../../../shared/api/notifications';
import type { TypedError } from '../../../shared/contract';
import type { TemplateProblem } from '../../../shared/domain/notification-template';

/** `EVENT/CHANNEL/language`: one template's identity as a map key. */
export type TemplateId = `${TemplateKey['event']}/${TemplateKey['channel']}/${TemplateKey['language']}`;

export const templateId = (key: TemplateKey): TemplateId => `${key.event}/${key.channel}/${key.language}`;

export type TemplateSave =
  | { readonly state: 'idle' }
  | { readonly state: 'saving'; readonly id: TemplateId }
  | { readonly state: 'saved'; readonly id: TemplateId }
  /** Refused as invalid (by the editor's own check, core or the backend): the problems to show. */
  | { readonly state: 'invalid'; readonly id: TemplateId; readonly problems: readonly TemplateProblem[]; readonly error: TypedError | null }
  | { readonly state: 'failed'; readonly id: TemplateId; readonly error: TypedError };

export interface TemplateEditorState {
  readonly open: boolean;
  readonly loading: boolean;
  readonly loaded: NotificationTemplates | null;
  readonly loadError: TypedError | null;
  readonly selected: TemplateKey;
  /**
   * What the administrator has typed and not saved, per template: switching to another template
   * and back, or a refused save, loses nothing.
   */
  readonly drafts: Readonly<Partial<Record<TemplateId, TemplateContent>>>;
  readonly save: TemplateSave;
}

/** The administrator's screens: agents never see them. */
export interface AdminSliceState {
  readonly templateEditor: TemplateEditorState;
}

const initialTemplateEditor: TemplateEditorState = {
  open: false,
  loading: false,
  loaded: null,
  loadError: null,
  selected: { event: 'TOKEN_DELETED', channel: 'SMS', language: 'ja' },
  drafts: {},
  save: { state: 'idle' },
};

export const initialAdminState: AdminSliceState = {
  templateEditor: initialTemplateEditor,
};
