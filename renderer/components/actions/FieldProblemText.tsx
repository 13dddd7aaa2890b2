import { useTranslation } from 'react-i18next';
import type { FieldProblem } from '../../store/actions/initialState';

/** The problem with one field, right under it, tied to it by id (aria-describedby). */
export const FieldProblemText = ({ id, problem }: { id: string; problem: FieldProblem | undefined }) => {
  const { t } = useTranslation();
  // Always in the DOM, so showing a problem moves nothing below it and is announced.
  return (
    <p id={id} className="field-problem" role="alert" data-testid={`${id}`}>
      {problem === undefined ? '' : t(problem.key, problem.values)}
    </p>
  );
};
