import { useRef, type ChangeEvent, type Ref, type UIEvent } from 'react';

export interface MarkedRange {
  readonly start: number;
  readonly end: number;
}

interface HighlightedTextareaProps {
  readonly id: string;
  readonly value: string;
  readonly marks: readonly MarkedRange[];
  readonly onChange: (value: string) => void;
  readonly textareaRef: Ref<HTMLTextAreaElement>;
  readonly rows: number;
  readonly describedBy?: string;
  readonly invalid: boolean;
  readonly testId?: string;
}

/** Ranges in order, overlaps joined, so the backdrop can be cut into plain and marked pieces. */
const merged = (marks: readonly MarkedRange[], length: number): MarkedRange[] => {
  const sorted = marks
    .map((mark) => ({ start: Math.max(0, Math.min(mark.start, length)), end: Math.max(0, Math.min(mark.end, length)) }))
    .filter((mark) => mark.end > mark.start)
    .sort((a, b) => a.start - b.start);
  const out: MarkedRange[] = [];
  for (const mark of sorted) {
    const last = out[out.length - 1];
    if (last && mark.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, mark.end) };
    else out.push(mark);
  }
  return out;
};

/**
 * A textarea that marks the places a problem was found, where the administrator types: a backdrop
 * with the same text and metrics sits behind a transparent textarea and underlines the ranges.
 * The textarea stays a plain form control for typing, selection, IME and assistive technology.
 */
export const HighlightedTextarea = ({ id, value, marks, onChange, textareaRef, rows, describedBy, invalid, testId }: HighlightedTextareaProps) => {
  const backdrop = useRef<HTMLDivElement>(null);
  const pieces: { text: string; marked: boolean }[] = [];
  let from = 0;
  for (const mark of merged(marks, value.length)) {
    if (mark.start > from) pieces.push({ text: value.slice(from, mark.start), marked: false });
    pieces.push({ text: value.slice(mark.start, mark.end), marked: true });
    from = mark.end;
  }
  pieces.push({ text: value.slice(from), marked: false });
  const syncScroll = (event: UIEvent<HTMLTextAreaElement>): void => {
    if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
  };
  return (
    <div className="marked-textarea">
      <div className="marked-textarea-backdrop" ref={backdrop} aria-hidden="true">
        {pieces.map((piece, index) =>
          piece.marked ? (
            <mark key={index} className="template-mark">
              {piece.text}
            </mark>
          ) : (
            <span key={index}>{piece.text}</span>
          ),
        )}
        {/* A trailing line break needs something after it to take up its line. */}
        {'\u200b'}
      </div>
      <textarea
        id={id}
        ref={textareaRef}
        className="marked-textarea-input"
        value={value}
        rows={rows}
        spellCheck={false}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
        onScroll={syncScroll}
      />
    </div>
  );
};
