import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

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
  /**
   * Where the keyboard goes when the dialog closes (the token's row, the token list); true when it
   * found its place. Otherwise, or when it finds none, back to what had it when the dialog opened.
   */
  readonly returnFocus?: () => boolean;
  /** The dialog's own keys (Option D's checks), before Tab, Escape and Ctrl+Enter. */
  readonly onKey?: (event: KeyboardEvent<HTMLDialogElement>) => void;
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
 * store, which keeps what was typed; Ctrl+Enter (⌘Enter) presses its action button from any field.
 * Closed, it gives the focus back: to `returnFocus`'s place, or to what had it before.
 */
export const ModalDialog = ({ title, subtitle, onClose, children, footer, testId, wide = false, returnFocus, onKey }: ModalDialogProps) => {
  const ref = useRef<HTMLDialogElement>(null);
  // Read during the first render, before the dialog takes the focus.
  const [previous] = useState<Element | null>(() => document.activeElement);
  const returnTo = useRef(returnFocus);
  useEffect(() => {
    returnTo.current = returnFocus;
  }, [returnFocus]);
  useEffect(
    () => () => {
      // After the commit that closed the dialog, once the page behind is no longer inert.
      queueMicrotask(() => {
        if (returnTo.current?.() === true) return;
        if (previous instanceof HTMLElement && previous.isConnected && previous !== document.body) previous.focus();
      });
    },
    [previous],
  );

  useEffect(() => {
    const dialog = ref.current;
    if (dialog !== null && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    onKey?.(event);
    if (event.defaultPrevented) return;
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      const submit = event.currentTarget.querySelector<HTMLButtonElement>('[data-testid="action-submit"]');
      if (submit !== null && !submit.disabled) {
        event.preventDefault();
        submit.click();
      }
      return;
    }
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
