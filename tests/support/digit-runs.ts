/**
 * A reader's view of the longest run of digits in a text: digits of any script, with up to three
 * separators (spaces, punctuation, format characters, the long-vowel mark) between them. Written
 * apart from the detector under test (`shared/api/free-text.ts`), so the tests check it against an
 * independent reading, not against itself.
 */
export const longestDigitRun = (text: string): number => {
  let longest = 0;
  let current = 0;
  let gap = 0;
  for (const char of text) {
    if (/\p{Nd}/u.test(char)) {
      current += 1;
      gap = 0;
      longest = Math.max(longest, current);
    } else if (/[\p{Z}\s\p{P}\p{Cf}\u30fc]/u.test(char) && current > 0 && gap < 3) {
      gap += 1;
    } else {
      current = 0;
      gap = 0;
    }
  }
  return longest;
};
