import { describe, expect, it } from 'vitest';
import { resumedEntry } from '../../../../../electron/core/actions/outbox-resume';
import { auditRecordFor } from '../../../../../electron/core/actions/audit-record';
import type { OutboxEntry } from '../../../../../electron/core/actions/action-entry';
import { WATCH_TOKEN, writtenAhead } from '../support/entries';

/** What an entry found on start becomes: resumed, reconciled first when it may have left, audited once. */
const ended = (): OutboxEntry => {
  const asked = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
  return { ...asked, completedAt: asked.view.requestedAt, view: { ...asked.view, status: 'CONFIRMED', operationId: 'OPAAAAAAAAAA' } };
};

describe('an entry found on start', () => {
  it('never sent: resumes and sends without reading the history first', () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST' });
    expect(resumedEntry(entry, new Set())).toMatchObject({ reconcile: false, view: { status: 'REQUESTED', resumedAfterRestart: true, nextAttemptAt: null } });
  });

  it('maybe sent (an attempt counted): the history is read before anything else', () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
    const waiting = { ...entry, view: { ...entry.view, nextAttemptAt: new Date(Date.now() + 60_000).toISOString() } };
    expect(resumedEntry(waiting, new Set())).toMatchObject({ reconcile: true, view: { resumedAfterRestart: true, nextAttemptAt: null } });
  });

  it('accepted: resumes waiting for the TSP (its confirmation is read from the history)', () => {
    const entry = writtenAhead(WATCH_TOKEN, { operation: 'suspend', reasonCode: 'DEVICE_LOST', attempts: 1 });
    const accepted = { ...entry, view: { ...entry.view, status: 'ACCEPTED' as const, operationId: 'OPAAAAAAAAAA' } };
    expect(resumedEntry(accepted, new Set())).toMatchObject({ reconcile: false, view: { status: 'ACCEPTED', resumedAfterRestart: true } });
  });

  it('ended without its audit record: the record is made now', () => {
    const entry = ended();
    expect(resumedEntry(entry, new Set()).audit).toMatchObject({ journaled: false, record: { outcome: 'CONFIRMED', actionId: entry.view.actionId } });
  });

  it('its record already in the journal (a crash before it was marked): marked, never written twice', () => {
    const entry = ended();
    const record = auditRecordFor(entry, entry.completedAt ?? entry.view.updatedAt);
    const unmarked = { ...entry, audit: { record, journaled: false } };
    expect(resumedEntry(unmarked, new Set([record.auditId])).audit).toEqual({ record, journaled: true });
    expect(resumedEntry(unmarked, new Set())).toBe(unmarked);
  });
});
