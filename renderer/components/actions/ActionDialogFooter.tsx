import { useEffect, useRef, type ReactNode, type Ref } from 'react';
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
  /** The submit button, for a dialog that puts the keyboard on it once everything is chosen. */
  readonly submitRef?: Ref<HTMLButtonElement>;
  /** In place of the submit button while the dialog cannot send (a supervisor must approve first). */
  readonly instead?: ReactNode;
}

/** The action dialogs' footer: what is kept, Cancel (or Close once done) and the action's own button. */
export const ActionDialogFooter = ({ formId, finished, onClose, note, submit, submitRef, instead }: ActionDialogFooterProps) => {
  const { t } = useTranslation();
  const closeButton = useRef<HTMLButtonElement>(null);
  // Sent: the button that had the focus is gone. Close takes it, so Escape or Enter ends the dialog from the keyboard.
  useEffect(() => {
    if (!finished) return;
    const dialog = closeButton.current?.closest('dialog');
    if (dialog && !dialog.contains(document.activeElement)) closeButton.current?.focus();
  }, [finished]);
  let label = submit.label;
  if (submit.sending) label = t('actions.dialog.sending');
  else if (submit.retry === true) label = t('actions.dialog.retry');
  return (
    <>
      {note ?? <span className="hint action-dialog-keeps">{finished ? '' : t('actions.dialog.keepsDraft')}</span>}
      <button type="button" className="button-secondary" onClick={onClose} ref={closeButton} data-testid="action-close">
        {finished ? t('actions.dialog.close') : t('actions.dialog.cancel')}
      </button>
      {finished ? null : (instead ?? (
        <button
          ref={submitRef}
          type="submit"
          form={formId}
          className={submit.danger === true ? 'button-danger' : 'button-primary'}
          disabled={submit.sending || submit.disabled === true}
          data-testid="action-submit"
        >
          {label}
        </button>
      ))}
    </>
  );
};
