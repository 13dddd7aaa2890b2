import type { Services } from '../ipc/dispatch';
import type { IntegrityReports } from './integrity-reports';

/** integrity.notices: what the banner shows when a window opens (the event may have come before it). */
export const integrityService = (reports: Pick<IntegrityReports, 'notices'>): Pick<Services, 'integrity.notices'> => ({
  'integrity.notices': () => reports.notices(),
});
