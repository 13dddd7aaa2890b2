import type { ReactNode } from 'react';
import type { ActionDraft, FieldProblems } from '../../store/actions/initialState';
import { FieldProblemText } from './FieldProblemText';

interface DigitsConfirmFieldProps {
  readonly id: string;
  /** Which of the draft's typed confirmations this is. */
  readonly field: 'confirmLastFour' | 'confirmCount';
  readonly label: string;
  readonly maxLength: number;
  readonly draft: ActionDraft;
  readonly problems: FieldProblems;
  readonly disabled: boolean;
  readonly testId: string;
  readonly onChange: (patch: Partial<ActionDraft>) => void;
  /** Said above the field: how final the action is. */
  readonly children?: ReactNode;
}

/**
 * A final action is confirmed by typing digits the agent can read off the screen (a token's last
 * four, or how many tokens a bulk delete removes), so a deletion never rides on a reflex click.
 */
export const DigitsConfirmField = ({ id, field, label, maxLength, draft, problems, disabled, testId, onChange, children }: DigitsConfirmFieldProps) => {
  const problemId = `${id}-problem`;
  const problem = problems[field];
  return (
    <div className="field action-last-four">
      {children}
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input-digits"
        inputMode="numeric"
        autoComplete="off"
        maxLength={maxLength}
        value={draft[field]}
        disabled={disabled}
        aria-invalid={problem !== undefined}
        aria-describedby={problemId}
        data-testid={testId}
        onChange={(event) => onChange({ [field]: event.target.value })}
      />
      <FieldProblemText id={problemId} problem={problem} />
    </div>
  );
};
