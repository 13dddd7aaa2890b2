/**
 * What the console's web contents may do beyond its own page: nothing, except hand an https link
 * on an installer-approved host to the system browser. Pure, so every case is unit-tested.
 */

/** The console is a single-page app: any navigation away from it is an attack or a bug. */
export const shouldAllowNavigation = (_url: string): false => false;

export interface WindowOpenDecision {
  readonly action: 'deny';
  /** The normalised URL to give the system browser, or null to open nothing at all. */
  readonly openExternal: string | null;
}

const isHostList = (hosts: readonly string[] | ReadonlySet<string>): hosts is readonly string[] => Array.isArray(hosts);

const DENY: WindowOpenDecision = Object.freeze({ action: 'deny', openExternal: null });

/** Letters, digits, hyphens and dots, as DNS names are after the URL parser's IDNA step. */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * Reduces allowlist entries to bare lower-case host names. An entry that is not a plain host name
 * (has a port, a path, credentials, a wildcard) is ignored rather than guessed at: fail closed.
 */
export const normaliseAllowlist = (hosts: readonly string[]): ReadonlySet<string> => {
  const clean = new Set<string>();
  for (const host of hosts) {
    if (typeof host !== 'string' || host.length === 0) continue;
    let parsed: URL;
    try {
      parsed = new URL(`https://${host}/`);
    } catch {
      continue;
    }
    if (parsed.host !== host.toLowerCase() || parsed.pathname !== '/' || parsed.username || parsed.password) continue;
    // The URL parser accepts `*` and other oddities in host names; an allowlist names real hosts.
    if (!HOST_NAME.test(parsed.hostname)) continue;
    clean.add(parsed.hostname);
  }
  return clean;
};

/**
 * Every window.open and target=_blank is denied inside the app. An https link whose parsed host is
 * exactly on the allowlist goes to the system browser. Refused as well: credentials in the URL
 * (a classic look-alike, `https://bank.example@evil.test`) and explicit non-default ports, because
 * the allowlist names services, and a service on an odd port is not the one that was approved.
 */
export const decideWindowOpen = (url: string, allowlistHosts: readonly string[] | ReadonlySet<string>): WindowOpenDecision => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return DENY;
  }
  if (parsed.protocol !== 'https:') return DENY;
  if (parsed.username !== '' || parsed.password !== '') return DENY;
  if (parsed.port !== '') return DENY;
  const allowed = isHostList(allowlistHosts) ? normaliseAllowlist(allowlistHosts) : allowlistHosts;
  if (!allowed.has(parsed.hostname)) return DENY;
  return { action: 'deny', openExternal: parsed.href };
};

/**
 * The console needs no camera, microphone, location, notifications, clipboard read, HID, serial or
 * USB. Electron grants every permission unless told otherwise, so all requests and checks say no.
 */
export const decidePermissionRequest = (_permission: string): false => false;
export const decidePermissionCheck = (_permission: string): false => false;
export const decideDevicePermission = (): false => false;
