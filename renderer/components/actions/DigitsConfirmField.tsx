import type { FieldProblem } from '../../store/actions/initialState';
import { FieldProblemText } from './FieldProblemText';

interface DigitsConfirmFieldProps {
  readonly id: string;
  readonly label: string;
  readonly maxLength: number;
  readonly value: string;
  readonly disabled: boolean;
  readonly problem: FieldProblem | undefined;
  readonly testId: string;
  readonly onChange: (value: string) => void;
}

/**
 * A final action is confirmed by typing digits the agent can read off the screen (a token's last
 * four, or how many tokens a bulk delete removes), so a deletion never rides on a reflex click.
 */
export const DigitsConfirmField = ({ id, label, maxLength, value, disabled, problem, testId, onChange }: DigitsConfirmFieldProps) => {
  const problemId = `${id}-problem`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input-digits"
        inputMode="numeric"
        autoComplete="off"
        maxLength={maxLength}
        value={value}
        disabled={disabled}
        aria-invalid={problem !== undefined}
        aria-describedby={problemId}
        data-testid={testId}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldProblemText id={problemId} problem={problem} />
    </>
  );
};
