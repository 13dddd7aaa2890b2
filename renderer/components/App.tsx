import { useDocumentReadiness } from '../hooks/use-document-readiness';
import { appSelectors } from '../store/app/selectors';
import { useDeskStore } from '../store/store-context';
import { AppHeader } from './AppHeader';
import { BootErrorPanel } from './BootErrorPanel';
import { LoadingState } from './LoadingState';
import { StatusBar } from './StatusBar';
import { Workspace } from './Workspace';

export const App = () => {
  const phase = useDeskStore(appSelectors.phase);
  const mode = useDeskStore(appSelectors.mode);
  const bootError = useDeskStore(appSelectors.bootError);
  useDocumentReadiness(phase);
  return (
    <div className="app-shell" data-mode={mode ?? 'unknown'}>
      <AppHeader />
      <main className="app-main">
        {phase === 'ready' ? <Workspace /> : bootError !== null ? <BootErrorPanel error={bootError} /> : <LoadingState />}
      </main>
      <StatusBar />
    </div>
  );
};
