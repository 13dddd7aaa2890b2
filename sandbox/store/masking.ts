import type { ContactChannel } from '../../shared/api/model';
import type { ContactRecord } from './state';

/**
 * The console never receives a full phone number or e-mail address: enough to say "the number
 * ending 1234" to the caller, not enough to use.
 *   +81 90-1234-5678      → +81 90-****-5678
 *   taro.sato@example.jp  → t***@example.jp
 */
const maskPhone = (value: string): string => {
  const groups = value.split(/(\D+)/);
  const digitGroups = groups.filter((part) => /^\d+$/.test(part)).length;
  let seen = 0;
  return groups
    .map((part) => {
      if (!/^\d+$/.test(part)) return part;
      seen += 1;
      // Keep the country code, the first group (mobile or area prefix) and the last group.
      if (seen <= 2 && seen < digitGroups) return part;
      if (seen === digitGroups) return part.length > 4 ? `${'*'.repeat(part.length - 4)}${part.slice(-4)}` : part;
      return '*'.repeat(part.length);
    })
    .join('');
};

const maskEmail = (value: string): string => {
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  return `${value.slice(0, 1)}***${value.slice(at)}`;
};

export const maskContact = (contact: ContactRecord): ContactChannel => ({
  channel: contact.channel,
  masked: contact.channel === 'PHONE' ? maskPhone(contact.value) : maskEmail(contact.value),
});
