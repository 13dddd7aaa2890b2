import { describe, expect, it } from 'vitest';
import { WorkstationId } from '../../../shared/api/ids';
import { workstationIdFrom } from '../../../electron/main/adapters/workstation-id';

describe('workstationIdFrom', () => {
  it.each([
    ['WS-TOKYO-017', 'WS-TOKYO-017'],
    ['ws-tokyo-017.corp.example', 'ws-tokyo-017.corp.example'],
    ['受付-PC 3', 'PC-3'],
    ['desk 12 (floor 3)', 'desk-12-floor-3'],
    ['', 'workstation'],
    ['日本語', 'workstation'],
    ['a'.repeat(80), 'a'.repeat(64)],
    [`${'b'.repeat(63)} c`, 'b'.repeat(63)],
  ])('%s → %s', (hostname, expected) => {
    const id = workstationIdFrom(hostname);
    expect(id).toBe(expected);
    expect(WorkstationId.safeParse(id).success).toBe(true);
  });
});
