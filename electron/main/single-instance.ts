/** The parts of Electron's app used to keep one console per user session. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: readonly string[]) => void): unknown;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Agents double-click the icon when the console is behind another window. A second copy would
 * fight the first over the profile, the logs and the outbox, so it quits and the first comes forward.
 * The second copy's command line comes along: a screen-pop link on it is for the first one
 * (`onArgv`). Returns false when this process is the second copy and is quitting.
 */
export const claimSingleInstance = (
  app: SingleInstanceApp,
  getMainWindow: () => FocusableWindow | null,
  onArgv: (argv: readonly string[]) => void = () => undefined,
): boolean => {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    onArgv(Array.isArray(argv) ? argv : []);
    const window = getMainWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
};
