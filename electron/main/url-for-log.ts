/**
 * URLs as they may appear in the log: where, never what. Paths can hold identifiers and queries
 * can hold data, so only the scheme and host are kept (and the path, for the app's own files).
 * Node's URL gives custom schemes an opaque 'null' origin, so scheme and host are joined by hand.
 */
export const originForLog = (url: string): string => {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return '(unparseable)';
  }
};

/** A script's location for a console message: origin and path, without query or fragment. */
export const fileForLog = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${originForLog(url)}${parsed.host ? parsed.pathname : ''}`;
  } catch {
    return '(unparseable)';
  }
};
