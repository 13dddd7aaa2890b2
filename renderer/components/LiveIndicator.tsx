import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { liveLabelKey } from '../i18n/lookup-label-keys';
import { liveSelectors } from '../store/live/selectors';
import { sessionSelectors } from '../store/session/selectors';
import { useDeskStore } from '../store/store-context';

/** The live connection in the status bar: connected, connecting, reconnecting (which attempt), disconnected. */
export const LiveIndicator = () => {
  const { t } = useTranslation();
  const status = useDeskStore(liveSelectors.status);
  const hasAgent = useDeskStore(sessionSelectors.hasAgent);
  const loadLiveStatus = useDeskStore((s) => s.loadLiveStatus);

  // Main starts the stream on sign-in; events keep the state current, this gives the first one.
  useEffect(() => {
    if (hasAgent) void loadLiveStatus();
  }, [hasAgent, loadLiveStatus]);

  const display = liveSelectors.display({ liveStatus: status });
  if (!hasAgent || display === null) return null;
  return (
    <span className="status-item status-live" role="status" data-live={display.state} data-testid="live-status">
      <span className="status-dot" aria-hidden="true" />
      {display.state === 'reconnecting' ? t(liveLabelKey.reconnecting, { attempt: display.attempt }) : t(liveLabelKey[display.state])}
    </span>
  );
};
