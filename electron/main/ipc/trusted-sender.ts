import { APP_HOST, APP_SCHEME } from '../../../shared/contract';
import { originForLog } from '../url-for-log';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
  /** The sending WebContents; its id names the caller for per-window state (cancellable calls). */
  readonly sender?: { readonly id: number };
}

/**
 * Trusts IPC only from the top frame of the console's own origin. A frame that navigated away,
 * a sub-frame (even of our origin: the CSP forbids frames, so one there is not ours), file://,
 * or any other scheme or host is refused. The URL goes through the URL parser; no prefix tests.
 */
export const isTrustedSender = (event: InvokeEventLike): boolean => {
  try {
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return false;
    if (frame.parent !== null) return false;
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    // Electron throws when a frame is read after it was disposed: such a sender is not trusted.
    return false;
  }
};

/** The sender's origin for the log; never the full URL, whose path or query could carry data. */
export const senderOrigin = (event: InvokeEventLike): string => {
  try {
    const frame = event.senderFrame;
    return frame ? originForLog(frame.url) : '(no frame)';
  } catch {
    return '(unreadable)';
  }
};
