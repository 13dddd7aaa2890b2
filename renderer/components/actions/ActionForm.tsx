import type { ReactNode } from 'react';

interface ActionFormProps {
  readonly id: string;
  readonly className?: string;
  /** Enter or the footer's button: the dialog's own checks, then its one call. */
  readonly onSubmit: () => void;
  readonly children: ReactNode;
}

/** An action dialog's form: checked by the store rather than the browser, sent by the footer's button. */
export const ActionForm = ({ id, className = 'action-form', onSubmit, children }: ActionFormProps) => (
  <form
    id={id}
    className={className}
    noValidate
    onSubmit={(event) => {
      event.preventDefault();
      onSubmit();
    }}
  >
    {children}
  </form>
);
