import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useReturnFocus } from '../../hooks/use-return-focus';

interface ModalDialogProps {
  readonly title: ReactNode;
  /** What the dialog is about in a line under the title (the token, the card). */
  readonly subtitle?: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer: ReactNode;
  readonly testId: string;
  /** Wider for the bulk preview's table. */
  readonly wide?: boolean;
}

const TITLE_ID = 'action-dialog-title';
const FOCUSABLE = 'button, [href], input, select, textarea, summary, [tabindex]:not([tabindex="-1"])';

/** What Tab can reach inside the dialog now, in order (enabled and shown). */
const focusables = (dialog: HTMLElement): HTMLElement[] =>
  [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.matches(':disabled') && element.tabIndex >= 0 && element.getClientRects().length > 0,
  );
const SUBTITLE_ID = 'action-dialog-subtitle';

/**
 * A real modal: the platform's <dialog> opened with showModal(), so everything behind it is inert,
 * Tab stays inside, and a screen reader announces it by its title. Escape closes it through the
 * store, which keeps what was typed; the opener gets the focus back.
 */
export const ModalDialog = ({ title, subtitle, onClose, children, footer, testId, wide = false }: ModalDialogProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  useReturnFocus();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    if (event.key === 'Tab') {
      // A modal <dialog> makes the page behind inert, but Tab would still leave for the browser's own
      // controls: from the last control it goes round to the first, and back with Shift+Tab.
      const order = focusables(event.currentTarget);
      const first = order[0];
      const last = order.at(-1);
      if (first === undefined || last === undefined) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
      return;
    }
    if (event.key !== 'Escape' || event.nativeEvent.isComposing) return;
    // Handled here rather than by the browser's cancel, so the store decides and nothing closes twice.
    event.preventDefault();
    event.stopPropagation();
    onClose();
  };

  return (
    <dialog
      ref={ref}
      className="action-dialog"
      data-wide={wide || undefined}
      aria-labelledby={TITLE_ID}
      aria-describedby={subtitle === undefined ? undefined : SUBTITLE_ID}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="action-dialog-header">
        <h2 id={TITLE_ID} className="action-dialog-title">
          {title}
        </h2>
        {subtitle !== undefined ? (
          <p id={SUBTITLE_ID} className="action-dialog-subtitle">
            {subtitle}
          </p>
        ) : null}
      </header>
      <div className="action-dialog-body">{children}</div>
      <footer className="action-dialog-footer">{footer}</footer>
    </dialog>
  );
};
