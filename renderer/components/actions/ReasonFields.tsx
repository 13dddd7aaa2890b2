import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { REASON_CODES, findReason, reasonTextForTokenService } from '../../../shared/domain/reason-codes';
import type { TokenOperation } from '../../../shared/domain/transitions';
import { keyFor } from '../../i18n/lookup-label-keys';
import type { ActionDraft, FieldProblems } from '../../store/actions/initialState';
import { COMMENT_MAX } from '../../store/actions/validate';
import { reasonLabelKey } from './action-label-keys';
import { FieldProblemText } from './FieldProblemText';

interface ReasonFieldsProps {
  readonly operation: TokenOperation;
  readonly draft: ActionDraft;
  readonly problems: FieldProblems;
  readonly disabled: boolean;
  readonly onChange: (patch: Partial<ActionDraft>) => void;
  readonly commentRows?: number;
}

/**
 * The reason code (the token service's own list, in words), the agent's comment, and the line that
 * says what the token service will be sent: the agent sees what leaves the issuer and what stays in
 * the audit record.
 */
export const ReasonFields = ({ operation, draft, problems, disabled, onChange, commentRows = 3 }: ReasonFieldsProps) => {
  const { t } = useTranslation();
  const id = useId();
  const reason = findReason(operation, draft.reasonCode);
  const commentRequired = reason?.commentRequired === true;
  const sent = reason === undefined ? null : reasonTextForTokenService(reason.code);
  const reasonProblemId = `${id}-reason-problem`;
  const commentProblemId = `${id}-comment-problem`;
  return (
    <div className="action-reason">
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('actions.reason.label')}</label>
        <select
          id={`${id}-reason`}
          value={draft.reasonCode}
          disabled={disabled}
          required
          aria-invalid={problems.reasonCode !== undefined}
          aria-describedby={reasonProblemId}
          data-testid="action-reason"
          onChange={(event) => onChange({ reasonCode: event.target.value })}
        >
          <option value="">{t('actions.reason.choose')}</option>
          {REASON_CODES[operation].map((candidate) => {
            const key = keyFor(reasonLabelKey, candidate.code);
            return (
              <option key={candidate.code} value={candidate.code}>
                {key === undefined ? candidate.code : t(key)}
              </option>
            );
          })}
        </select>
        <FieldProblemText id={reasonProblemId} problem={problems.reasonCode} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-comment`}>
          {t('actions.reason.comment')}
          {commentRequired ? <span className="field-required"> {t('actions.reason.commentRequiredHint')}</span> : null}
        </label>
        <textarea
          id={`${id}-comment`}
          value={draft.comment}
          disabled={disabled}
          rows={commentRows}
          required={commentRequired}
          aria-invalid={problems.comment !== undefined}
          aria-describedby={`${id}-comment-hint ${commentProblemId}`}
          data-testid="action-comment"
          // No maxLength: a pasted text longer than allowed stays whole, and the counter says by how much.
          onChange={(event) => onChange({ comment: event.target.value })}
        />
        <div className="field-meta">
          <span id={`${id}-comment-hint`} className="hint">
            {t('actions.reason.commentHint')}
          </span>
          <span className="field-counter" data-over={draft.comment.length > COMMENT_MAX || undefined} data-testid="action-comment-counter">
            {t('actions.reason.counter', { count: draft.comment.length, max: COMMENT_MAX })}
          </span>
        </div>
        <FieldProblemText id={commentProblemId} problem={problems.comment} />
      </div>
      <p className="action-sent-reason" data-testid="action-sent-reason">
        {sent === null ? (
          <span className="hint">{t('actions.reason.sentHint')}</span>
        ) : (
          <>
            {t('actions.reason.sent', { reason: sent })}
            <span className="hint"> {t('actions.reason.sentHint')}</span>
          </>
        )}
      </p>
    </div>
  );
};
