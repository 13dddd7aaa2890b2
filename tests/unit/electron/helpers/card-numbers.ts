/**
 * Test card numbers are built at run time: the source tree holds no Luhn-valid 13–19 digit
 * literal, so secret scanners and the redaction rules for the repository itself stay meaningful.
 */
/** The digit that makes `partial` + it Luhn-valid. */
export const luhnCheckDigit = (partial: string): string => {
  let sum = 0;
  for (let i = 0; i < partial.length; i += 1) {
    let digit = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
};

/** A Luhn-valid number of `length` digits starting with `prefix`, padded with 1s. */
export const testPan = (prefix = '4', length = 16): string => {
  const partial = prefix + '1'.repeat(length - prefix.length - 1);
  return partial + luhnCheckDigit(partial);
};

/** Groups a number the way agents type it: 4-4-4-4 with the separator given. */
export const grouped = (pan: string, separator: string): string => pan.replace(/(\d{4})(?=\d)/g, `$1${separator}`);

export const isLuhnValid = (digits: string): boolean => luhnCheckDigit(digits.slice(0, -1)) === digits.slice(-1);
