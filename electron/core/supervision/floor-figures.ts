import type { AuditRecord, AuditRecordOf } from '../../../shared/api/audit';
import type { FloorOverview, PeriodFigures } from '../../../shared/contract';
import { evaluateFloorAlerts, type FloorAlertSettings } from '../../../shared/domain/floor-alerts';
import { TOKEN_OPERATIONS, type TokenOperation } from '../../../shared/domain/transitions';

const HOUR_MS = 60 * 60 * 1000;
const RECENT = 50;

const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const emptyCounts = (): Record<TokenOperation, number> => ({ activate: 0, suspend: 0, resume: 0, delete: 0 });

interface Tally {
  name: string;
  actions: Record<TokenOperation, number>;
  refused: number;
  confirmed: number;
  failed: number;
  phoneCalls: number;
  secondsToFirstAction: number[];
}

const figuresOf = (tally: Tally): PeriodFigures => ({
  actions: tally.actions,
  refused: tally.refused,
  confirmed: tally.confirmed,
  failed: tally.failed,
  phoneCalls: tally.phoneCalls,
  medianSecondsToFirstAction: median(tally.secondsToFirstAction),
});

const isAgentAction = (record: AuditRecord): record is AuditRecordOf<'TOKEN_ACTION'> & { actor: { type: 'AGENT' } } =>
  record.kind === 'TOKEN_ACTION' && record.actor.type === 'AGENT';

/**
 * The floor over a period, from its audit records (any order): the alerts of the shared rules, each
 * agent's and the team's figures, actions per hour and the newest actions. Pure, so it is tested
 * without a backend. The trail holds no search times, so the time to act is measured from a phone
 * call's start to the first token action taken in it (matched by correlation id).
 */
export const floorOverviewOf = (
  records: readonly AuditRecord[],
  period: { readonly from: string; readonly to: string },
  settings: FloorAlertSettings,
  truncated: boolean,
): FloorOverview => {
  const tallies = new Map<string, Tally>();
  const tallyOf = (agentId: string, name: string): Tally => {
    let tally = tallies.get(agentId);
    if (tally === undefined) {
      tally = { name, actions: emptyCounts(), refused: 0, confirmed: 0, failed: 0, phoneCalls: 0, secondsToFirstAction: [] };
      tallies.set(agentId, tally);
    }
    return tally;
  };
  const actions = records.filter(isAgentAction);
  const actionsById = new Map(actions.map((record) => [record.recordId, record]));
  const actionAtByCorrelation = new Map<string, number>();
  for (const action of actions) {
    const tally = tallyOf(action.actor.agentId, action.actor.name);
    if (action.outcome === 'REFUSED') tally.refused += 1;
    else tally.actions[action.detail.operation] += 1;
    if (action.correlationId !== null) {
      const at = Date.parse(action.at);
      actionAtByCorrelation.set(action.correlationId, Math.min(at, actionAtByCorrelation.get(action.correlationId) ?? at));
    }
  }
  for (const record of records) {
    if (record.kind === 'TOKEN_ACTION_OUTCOME' && record.detail.refersTo !== null) {
      const action = actionsById.get(record.detail.refersTo.recordId);
      if (action === undefined) continue;
      const tally = tallyOf(action.actor.agentId, action.actor.name);
      if (record.outcome === 'CONFIRMED') tally.confirmed += 1;
      else if (record.outcome === 'FAILED') tally.failed += 1;
    }
    if (record.kind === 'PHONE_CALL' && record.actor.type === 'AGENT') {
      const tally = tallyOf(record.actor.agentId, record.actor.name);
      tally.phoneCalls += 1;
      const firsts = record.detail.actionCorrelationIds.flatMap((id) => actionAtByCorrelation.get(id) ?? []);
      if (firsts.length > 0) tally.secondsToFirstAction.push(Math.max(0, (Math.min(...firsts) - Date.parse(record.detail.startedAt)) / 1000));
    }
  }

  const team: Tally = { name: '', actions: emptyCounts(), refused: 0, confirmed: 0, failed: 0, phoneCalls: 0, secondsToFirstAction: [] };
  for (const tally of tallies.values()) {
    for (const operation of TOKEN_OPERATIONS) team.actions[operation] += tally.actions[operation];
    team.refused += tally.refused;
    team.confirmed += tally.confirmed;
    team.failed += tally.failed;
    team.phoneCalls += tally.phoneCalls;
    team.secondsToFirstAction.push(...tally.secondsToFirstAction);
  }

  const start = Date.parse(period.from);
  const hourCount = Math.min(48, Math.max(1, Math.ceil((Date.parse(period.to) - start) / HOUR_MS)));
  const hours = Array.from({ length: hourCount }, (_, index) => new Date(start + index * HOUR_MS).toISOString());
  const hourly = Object.fromEntries(TOKEN_OPERATIONS.map((operation) => [operation, Array.from({ length: hourCount }, () => 0)])) as Record<TokenOperation, number[]>;
  for (const action of actions) {
    if (action.outcome === 'REFUSED') continue;
    const index = Math.floor((Date.parse(action.at) - start) / HOUR_MS);
    const series = hourly[action.detail.operation];
    if (index >= 0 && index < hourCount) series[index] = (series[index] ?? 0) + 1;
  }

  const accepted = actions.filter((action) => action.outcome !== 'REFUSED' && action.cardholder !== null);
  const alerts = evaluateFloorAlerts(
    {
      actions: accepted.map((action) => ({
        recordId: action.recordId,
        at: action.at,
        agentId: action.actor.agentId,
        operation: action.detail.operation,
        cardholderId: action.cardholder?.cardholderId ?? '',
      })),
      integrityReports: records.flatMap((record) =>
        record.kind === 'INTEGRITY_REPORT' && record.detail.source === 'CONSOLE_JOURNAL' && !record.detail.intact
          ? [{ reportId: record.detail.reportId ?? record.recordId, at: record.at, workstationId: record.workstationId ?? '', agentId: record.actor.type === 'AGENT' ? record.actor.agentId : null }]
          : [],
      ),
    },
    settings,
  );

  const recent = records
    .filter((record) => record.kind === 'TOKEN_ACTION' || record.kind === 'TOKEN_ACTION_OUTCOME')
    .sort((a, b) => b.sequence - a.sequence)
    .slice(0, RECENT);

  return {
    from: period.from,
    to: period.to,
    recent,
    alerts: alerts.slice(0, 500),
    agents: [...tallies].map(([agentId, tally]) => ({ agentId, name: tally.name, figures: figuresOf(tally) })).sort((a, b) => a.agentId.localeCompare(b.agentId)),
    team: figuresOf(team),
    hourly: { hours, actions: hourly },
    truncated,
  };
};
