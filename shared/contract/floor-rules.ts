import { z } from 'zod';
import { StoredFloorAlertSettings } from '../api/floor-alert-settings';
import { FloorAlertSettings } from '../domain/floor-alerts';

/**
 * The floor's alert rules as the backend keeps them: supervisors read the rules in force, an
 * administrator changes them against the version read. Core refuses each call to a role that may
 * not make it before the backend is asked (the backend refuses it again).
 */
const SaveFloorRulesInput = z.strictObject({
  settings: FloorAlertSettings,
  /** The version the administrator's form was filled from: a change made meanwhile is refused, not overwritten. */
  version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** The calls, spread into the contract's table (`calls.ts`). */
export const floorRulesCalls = {
  'floor.alertRules': {
    description: "The rules the floor raises alerts by, with their version and who last changed them; supervisors and administrators only.",
    input: z.strictObject({}),
    output: StoredFloorAlertSettings,
  },
  'floor.saveAlertRules': {
    description:
      "Replaces the floor's alert rules (administrators only), against the version read: when someone changed them meanwhile the backend refuses it (BACKEND_REJECTED, PRECONDITION_FAILED) and nothing is saved. The floor is evaluated with the new rules at once (floor.changed).",
    input: SaveFloorRulesInput,
    output: StoredFloorAlertSettings,
  },
} as const;
