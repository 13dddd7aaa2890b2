/**
 * The caller's number, masked as the backend masks a cardholder's contact number: the leading
 * prefix (country and area or mobile code) and the last four digits stay, the middle becomes
 * asterisks (`+819012345678` → `+8190****5678`, `0312345678` → `03****5678`). Enough to say "the
 * number ending 5678" to the caller and to compare with the registered one, not enough to use; and
 * never a run of digits that reads as a card number.
 */
export const maskCallerNumber = (number: string): string => {
  const plus = number.startsWith('+') ? '+' : '';
  const digits = plus ? number.slice(1) : number;
  const last = Math.min(4, Math.max(0, digits.length - 1));
  const lead = Math.max(0, Math.min(4, digits.length - 8));
  const hidden = Math.max(1, digits.length - lead - last);
  return `${plus}${digits.slice(0, lead)}${'*'.repeat(hidden)}${digits.slice(digits.length - last)}`;
};
