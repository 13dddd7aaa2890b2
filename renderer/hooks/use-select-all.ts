import { useRef, useState, type RefObject } from 'react';

/**
 * "Copy" for an id the agent quotes to support. Main's permission handler refuses the clipboard,
 * so the whole id is selected and the agent is told Ctrl+C copies it: the selection is exact and
 * nothing asks for a permission that will be refused. `selected` drives that hint.
 */
export const useSelectAll = <E extends HTMLElement>(): { ref: RefObject<E | null>; selected: boolean; selectAll: () => void; clear: () => void } => {
  const ref = useRef<E>(null);
  const [selected, setSelected] = useState(false);
  const selectAll = (): void => {
    const text = ref.current;
    const selection = window.getSelection();
    if (text === null || selection === null) return;
    selection.selectAllChildren(text);
    setSelected(true);
  };
  return { ref, selected, selectAll, clear: () => setSelected(false) };
};
