import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ActionDialogFooterProps {
  /** The dialog's form, which the submit button sends. */
  readonly formId: string;
  /** Nothing more to send from this dialog (its action is on its way, or refused): Close, and no submit button. */
  readonly finished: boolean;
  readonly onClose: () => void;
  /** Beside the buttons; by default, while there is something to send, that what was typed is kept. */
  readonly note?: ReactNode;
  readonly submit: {
    readonly label: string;
    /** The call is under way: the button says so and cannot be pressed again. */
    readonly sending: boolean;
    /** The last call failed: the button says the same action is tried again. */
    readonly retry?: boolean;
    /** A final action (delete): the button looks it. */
    readonly danger?: boolean;
    readonly disabled?: boolean;
  };
}

/** The action dialogs' footer: what is kept, Cancel (or Close once done) and the action's own button. */
export const ActionDialogFooter = ({ formId, finished, onClose, note, submit }: ActionDialogFooterProps) => {
  const { t } = useTranslation();
  let label = submit.label;
  if (submit.sending) label = t('actions.dialog.sending');
  else if (submit.retry === true) label = t('actions.dialog.retry');
  return (
    <>
      {note ?? <span className="hint action-dialog-keeps">{finished ? '' : t('actions.dialog.keepsDraft')}</span>}
      <button type="button" className="button-secondary" onClick={onClose}>
        {finished ? t('actions.dialog.close') : t('actions.dialog.cancel')}
      </button>
      {finished ? null : (
        <button
          type="submit"
          form={formId}
          className={submit.danger === true ? 'button-danger' : 'button-primary'}
          disabled={submit.sending || submit.disabled === true}
          data-testid="action-submit"
        >
          {label}
        </button>
      )}
    </>
  );
};
