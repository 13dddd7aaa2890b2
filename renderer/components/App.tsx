import { lazy, Suspense } from 'react';
import { useDocumentReadiness } from '../hooks/use-document-readiness';
import { useIdleLock } from '../hooks/use-idle-lock';
import { appSelectors } from '../store/app/selectors';
import { screenSelectors } from '../store/screen-selectors';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';
import { supervisionSelectors } from '../store/supervision/selectors';
import { AppHeader } from './AppHeader';
import { BootErrorPanel } from './BootErrorPanel';
import { ConfigProblemsBanner } from './ConfigProblemsBanner';
import { IntegrityBanner } from './IntegrityBanner';
import { LoadingState } from './LoadingState';
import { LockScreen } from './LockScreen';
import { onDemand, usePreloadOnIdle } from './on-demand';
import { SignInScreen } from './SignInScreen';
import { StatusBar } from './StatusBar';
import { Workspace } from './Workspace';

// Supervisors and administrators only: an agent's console never downloads it.
const SupervisionArea = lazy(() => import('./supervision/SupervisionArea').then((module) => ({ default: module.SupervisionArea })));
// Opened on demand, not part of the first screen: the administrators' notification templates, and
// the connection settings with the workstation key's panel. Fetched once the first screen is idle.
const templateEditor = onDemand(() => import('./admin/TemplateEditorScreen').then((module) => module.TemplateEditorScreen));
const connectionSettings = onDemand(() => import('./ConnectionSettingsScreen').then((module) => module.ConnectionSettingsScreen));
const PRELOADED = [connectionSettings, templateEditor];

export const App = () => {
  const phase = useDeskStore(appSelectors.phase);
  const mode = useDeskStore(appSelectors.mode);
  const bootError = useDeskStore(appSelectors.bootError);
  const screen = useDeskStore(screenSelectors.screen);
  const hasAgent = useDeskStore(sessionSelectors.hasAgent);
  const signedOut = useDeskStore(sessionSelectors.isSignedOut);
  const locked = useDeskStore(sessionSelectors.isLocked);
  const supervising = useDeskStore(supervisionSelectors.supervisionShown) && screen === 'workspace';
  const idleLockMs = useDeskStore(sessionSelectors.idleLockMs);
  const lock = useDeskStore((s) => s.lock);
  useDocumentReadiness(phase);
  useIdleLock(idleLockMs, () => void lock());
  usePreloadOnIdle(PRELOADED);

  return (
    <>
      {/* While locked the whole console stays mounted but inert and hidden: nothing on it is lost, nothing is reachable. */}
      <div className="app-shell" data-mode={mode ?? 'unknown'} inert={locked} aria-hidden={locked || undefined}>
        <AppHeader />
        <main className="app-main">
          {screen !== 'boot' ? <IntegrityBanner /> : null}
          {screen === 'boot' ? (
            bootError !== null ? (
              <BootErrorPanel error={bootError} />
            ) : (
              <LoadingState />
            )
          ) : (
            <>
              {screen !== 'connectionSettings' ? <ConfigProblemsBanner /> : null}
              {signedOut ? <SignInScreen hidden={screen !== 'signIn'} /> : null}
              {hasAgent ? <Workspace hidden={screen !== 'workspace' || supervising} /> : null}
              {supervising ? (
                <Suspense fallback={<LoadingState />}>
                  <SupervisionArea />
                </Suspense>
              ) : null}
              {screen === 'templates' ? <templateEditor.Component /> : null}
              {screen === 'connectionSettings' ? <connectionSettings.Component /> : null}
            </>
          )}
        </main>
        <StatusBar />
      </div>
      {locked ? <LockScreen /> : null}
    </>
  );
};
