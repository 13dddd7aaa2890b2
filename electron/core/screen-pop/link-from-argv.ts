import { SCREEN_POP_SCHEME } from '../../../shared/contract/screen-pop-link';

/**
 * The screen-pop link among a process's arguments: Windows and Linux start the console (or hand
 * the running one, through `second-instance`) the link as an argument of its own, after whatever
 * switches Chromium adds. None when there is none; when there are several, none either: one
 * link is one call, and guessing which of two calls is meant could pop the wrong caller.
 */
export const linkFromArgv = (argv: readonly string[]): { readonly link: string | null; readonly several: boolean } => {
  const links = argv.filter((argument) => argument.toLowerCase().startsWith(`${SCREEN_POP_SCHEME}:`));
  return { link: links.length === 1 ? (links[0] ?? null) : null, several: links.length > 1 };
};
