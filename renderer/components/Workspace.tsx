import { useRef } from 'react';
import { useSearchShortcut } from '../hooks/use-search-shortcut';
import { CallNotes } from './CallNotes';
import { EmptyState } from './EmptyState';
import { SearchRegion } from './SearchRegion';

/**
 * The agent's working area once signed in. `hidden` rather than unmounted while an administrator
 * has connection settings open, so nothing on it is lost by looking at them.
 */
export const Workspace = ({ hidden = false }: { hidden?: boolean }) => {
  const searchRef = useRef<HTMLElement>(null);
  useSearchShortcut(searchRef, !hidden);
  return (
    <div className="workspace" hidden={hidden} data-testid="workspace">
      <div className="workspace-main">
        <SearchRegion ref={searchRef} />
        <EmptyState />
      </div>
      <aside className="workspace-side">
        <CallNotes />
      </aside>
    </div>
  );
};
