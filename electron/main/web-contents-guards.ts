import type { Logger } from '../core/logging/logger';
import { originForLog } from './url-for-log';
import {
  decideDevicePermission,
  decidePermissionCheck,
  decidePermissionRequest,
  decideWindowOpen,
  normaliseAllowlist,
  shouldAllowNavigation,
} from './navigation-policy';

/**
 * Attaches the navigation, window-open, webview and permission policy to web contents and their
 * session. Electron objects come in as ports so the wiring is tested under plain Node; the event
 * names are spelled out literally so Electronegativity's global checks can see them.
 */

export interface NavigationEventLike {
  readonly url: string;
  /** Set on will-frame-navigate, which fires for the main frame too (after will-navigate). */
  readonly isMainFrame?: boolean;
  preventDefault(): void;
}

export interface PreventableEventLike {
  preventDefault(): void;
}

export interface GuardedWebContents {
  on(event: 'will-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEventLike) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEventLike) => void): unknown;
  setWindowOpenHandler(handler: (details: { readonly url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  /** Absent on older Electron versions; used when present. */
  setDevicePermissionHandler?(handler: () => boolean): void;
}

export interface GuardOptions {
  /** Hosts whose https links may open in the system browser. From installer settings; empty denies all. */
  readonly externalHosts: readonly string[];
  readonly openExternal: (url: string) => Promise<void>;
  readonly logger: Logger;
}

export const guardWebContents = (contents: GuardedWebContents, options: GuardOptions): void => {
  const { logger } = options;
  const allowlist = normaliseAllowlist(options.externalHosts);

  const refuse = (kind: string, logMainFrame: boolean) => (event: NavigationEventLike) => {
    if (shouldAllowNavigation(event.url)) return;
    event.preventDefault();
    if (logMainFrame || event.isMainFrame === false) logger.warn({ kind, target: originForLog(event.url) }, 'navigation refused');
  };
  contents.on('will-navigate', refuse('will-navigate', true));
  // Sub-frames navigate without will-navigate. The CSP forbids frames; this stops them regardless.
  // Main-frame attempts were already logged by will-navigate, so only sub-frames are logged here.
  contents.on('will-frame-navigate', refuse('will-frame-navigate', false));
  contents.on('will-redirect', refuse('will-redirect', true));

  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    logger.warn('webview refused');
  });

  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url, allowlist);
    if (decision.openExternal === null) {
      logger.warn({ target: originForLog(url) }, 'window.open refused');
    } else {
      const target = decision.openExternal;
      // Reviewed: decideWindowOpen passed only a credential-free https URL on the allowlist.
      options.openExternal(target).catch((error: unknown) => { /* eng-disable OPEN_EXTERNAL_JS_CHECK */
        logger.warn({ target: originForLog(target), err: error }, 'system browser did not open the link');
      });
    }
    return { action: 'deny' };
  });
};

export const guardSession = (session: GuardedSession, logger: Logger): void => {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    logger.warn({ permission }, 'permission request refused');
    callback(decidePermissionRequest(permission));
  });
  session.setPermissionCheckHandler((_webContents, permission) => decidePermissionCheck(permission));
  session.setDevicePermissionHandler?.(() => decideDevicePermission());
};
