/** x-workstation-id: 1–64 of A–Z a–z 0–9 . _ - (shared/api/ids.ts WorkstationId). */
const MAX_LENGTH = 64;
const FALLBACK = 'workstation';

/**
 * The workstation's id for the backend's audit trail: the host name, with anything outside the
 * allowed characters replaced, so a host named "受付-PC 3" still gets a valid, recognisable id.
 */
export const workstationIdFrom = (hostname: string): string => {
  const cleaned = hostname
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LENGTH)
    .replace(/-+$/, '');
  return cleaned.length > 0 ? cleaned : FALLBACK;
};
