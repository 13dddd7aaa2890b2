import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

interface KeyDialogProps {
  readonly label: string;
  readonly testId: string;
  readonly className: string;
  /** Escape, or the dialog's own close button; the dialog is closed already, so the page behind can take the focus. */
  readonly onClose: () => void;
  /** For a caller that closes it itself (a command chosen) before saying so. */
  readonly dialogRef?: RefObject<HTMLDialogElement | null>;
  readonly children: ReactNode;
}

/**
 * A small modal for the keyboard's own screens (the palette, the shortcut list): the platform's
 * <dialog> opened with showModal(), so the page behind is inert and Escape closes it. The layer
 * that opened it gives the focus back.
 */
export const KeyDialog = ({ label, testId, className, onClose, dialogRef, children }: KeyDialogProps) => {
  const own = useRef<HTMLDialogElement>(null);
  const ref = dialogRef ?? own;
  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) {
      dialog.showModal();
      // showModal() moves the focus to the dialog's first focusable element, which is not the field
      // the agent types in (React's autoFocus ran before it); the field takes it back.
      dialog.querySelector<HTMLInputElement>('input')?.focus();
    }
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, [ref]);
  return (
    <dialog
      ref={ref}
      className={`key-dialog ${className}`}
      aria-label={label}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        event.currentTarget.close();
        onClose();
      }}
    >
      {children}
    </dialog>
  );
};
