import type { EndedPhoneCall, ServiceNote } from '../../../shared/contract';
import type { MessageKey } from '../../../shared/i18n';

// Values that arrive as data map to message keys here, so every key stays a literal TypeScript checks.

export const phoneCallDeliveryKey = {
  QUEUED: 'phoneCalls.delivery.QUEUED',
  STORED: 'phoneCalls.delivery.STORED',
  REFUSED: 'phoneCalls.delivery.REFUSED',
} as const satisfies Record<EndedPhoneCall['delivery'], MessageKey>;

export const serviceNoteCategoryKey = {
  CAUTION: 'phoneCalls.serviceNotes.category.CAUTION',
  PREFERENCE: 'phoneCalls.serviceNotes.category.PREFERENCE',
  HISTORY: 'phoneCalls.serviceNotes.category.HISTORY',
} as const satisfies Record<ServiceNote['category'], MessageKey>;

export const phoneCallClosingKey = {
  WRAP_UP: 'phoneCalls.closing.WRAP_UP',
  SKIPPED: 'phoneCalls.closing.SKIPPED',
  DISCARDED: 'phoneCalls.closing.DISCARDED',
  LEFT_OPEN: 'phoneCalls.closing.LEFT_OPEN',
} as const satisfies Record<EndedPhoneCall['closing'], MessageKey>;
