import type { DeepStringRecord } from './messages';
import type { jaIntegrity } from './ja-integrity';

/** Problems main found in its own files on start: the banner on every screen (English); the same keys as `ja-integrity.ts`. */
export const enIntegrity: DeepStringRecord<typeof jaIntegrity> = {
  title: 'Records found tampered with or damaged',
  journal: 'The audit journal has {{count}} problem(s). It is kept exactly as found, and a new journal has been started.',
  outbox: 'The record of an action under way could not be read ({{file}}). The file is kept exactly as found.',
  action: 'Operation: {{operation}}  Token ending: {{lastFour}}  Requested: {{time}}',
  unknownPart: 'unknown',
  reconciled: {
    CONFIRMED: "The token's history shows this action was carried out; it is in the audit record.",
    FAILED: "The token's history shows this action reached the backend but was not carried out; it is in the audit record.",
    UNKNOWN: "How this action ended is not known yet: the token's history is read as soon as the backend can be reached. Check the token's state.",
    NOT_SENT: 'This action never reached the backend: it was NOT carried out, and it has not been sent again. If the cardholder still wants it, do it again.',
    UNIDENTIFIED: "Nothing identifying this action could be read, so how it ended cannot be known and will not be. Check the token's state.",
  },
  keptAs: 'Kept as: {{file}}',
  reported: 'A supervisor has been told.',
  reporting: 'Telling a supervisor (sent as soon as the backend can be reached).',
  details: 'What was found',
};
