import { resolve } from 'node:path';
import type { ScreenPopSource } from '../core/phone-calls/phone-calls';
import { linkFromArgv } from '../core/screen-pop/link-from-argv';
import type { Logger } from '../core/logging/logger';
import { SCREEN_POP_SCHEME } from '../../shared/contract/screen-pop-link';

/** The parts of Electron's app and of the process the screen pop uses. */
export interface ScreenPopApp {
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
}

export interface ScreenPopProcess {
  readonly argv: readonly string[];
  readonly execPath: string;
  /** Set when Electron runs an unpackaged app (`electron path/to/main`). */
  readonly defaultApp?: boolean;
}

export type ScreenPopHandler = (link: string, source: ScreenPopSource) => void;

/** Links that came before core could take them (the first start's own, an early open-url): at most this many wait. */
const MAX_EARLY_LINKS = 5;

/**
 * Main's side of the screen pop, kept thin: it collects `token-desk://` links from where the OS
 * delivers them (the command line of the first start, `second-instance` for a console already
 * running on Windows and Linux, `open-url` on macOS) and hands each to core, which checks it
 * strictly and decides (electron/core/screen-pop, electron/core/phone-calls). Links that come
 * before core exists wait for it.
 */
export const createScreenPopInbox = (logger: Logger) => {
  let handler: ScreenPopHandler | null = null;
  const early: [string, ScreenPopSource][] = [];
  const receive = (link: string, source: ScreenPopSource): void => {
    if (handler !== null) handler(link, source);
    else if (early.length < MAX_EARLY_LINKS) early.push([link, source]);
    else logger.warn({ source }, 'screen pop dropped: too many before the console was ready');
  };
  return {
    receive,
    /** The link on a command line (the first start's, or a second copy's handed over), if there is exactly one. */
    fromArgv(argv: readonly string[], source: ScreenPopSource): void {
      const { link, several } = linkFromArgv(argv);
      if (several) logger.warn({ source }, 'screen pop refused: several links on one command line');
      if (link !== null) receive(link, source);
    },
    connect(next: ScreenPopHandler): void {
      handler = next;
      for (const [link, source] of early.splice(0)) next(link, source);
    },
  };
};

/**
 * Makes this console the handler of `token-desk://` for the signed-in OS user. Windows needs it:
 * the NSIS installer registers no scheme, so the first start registers it under HKCU (the macOS
 * Info.plist and the Linux .desktop file declare it at packaging). An unpackaged app registers
 * Electron with its script as the argument, as Electron's deep-linking guide has it.
 */
export const registerScreenPopScheme = (app: ScreenPopApp, process: ScreenPopProcess, logger: Logger): void => {
  const script = process.argv[1];
  // Reviewed custom protocol handler: a token-desk:// link reaches core's strict parser only
  // (electron/core/screen-pop/parse-link.ts, unit-tested with hostile links) and can only start a
  // phone call and pre-fill the search; it never runs code, opens a page or acts on a token.
  const registered = process.defaultApp
    ? script !== undefined && app.setAsDefaultProtocolClient(SCREEN_POP_SCHEME, process.execPath, [resolve(script)]) /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
    : app.setAsDefaultProtocolClient(SCREEN_POP_SCHEME); /* eng-disable PROTOCOL_HANDLER_JS_CHECK */
  if (registered) logger.info({ scheme: SCREEN_POP_SCHEME }, 'screen-pop links open this console');
  else logger.warn({ scheme: SCREEN_POP_SCHEME }, 'the screen-pop scheme could not be registered for this user');
};
