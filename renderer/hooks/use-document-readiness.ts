import { useEffect } from 'react';
import type { BootPhase } from '../store/app/initialState';

/**
 * Marks <html> with the boot phase. Tests wait for `data-app-ready="true"` rather than sleeping;
 * it is set after the commit that shows the ready screen in the loaded language.
 */
export const useDocumentReadiness = (phase: BootPhase): void => {
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.appPhase = phase;
    root.dataset.appReady = phase === 'ready' ? 'true' : 'false';
  }, [phase]);
};
