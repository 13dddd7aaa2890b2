import { useRef } from 'react';
import { useSearchShortcut } from '../hooks/use-search-shortcut';
import { EmptyState } from './EmptyState';
import { SearchRegion } from './SearchRegion';

/** The agent's working area once the app has loaded. */
export const Workspace = () => {
  const searchRef = useRef<HTMLElement>(null);
  useSearchShortcut(searchRef);
  return (
    <div className="workspace">
      <SearchRegion ref={searchRef} />
      <EmptyState />
    </div>
  );
};
