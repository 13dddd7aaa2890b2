import type { Ref } from 'react';

interface PasswordFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  /** Why it cannot be sent as it is (left empty), said under the field; null when nothing is wrong. */
  readonly problem: string | null;
  readonly inputRef: Ref<HTMLInputElement>;
  readonly onChange: (value: string) => void;
}

/**
 * The agent's password, for signing in or unlocking: what password managers and assistive
 * technology expect of it, and the form's own word when it is missing. The value stays in the
 * form's state; the form clears it once sent.
 */
export const PasswordField = ({ id, label, value, problem, inputRef, onChange }: PasswordFieldProps) => {
  const problemId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        name="password"
        type="password"
        autoComplete="current-password"
        maxLength={200}
        required
        value={value}
        aria-invalid={problem !== null}
        aria-describedby={problem !== null ? problemId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem !== null ? (
        <p id={problemId} className="field-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
};
