import { describe, expect, it } from 'vitest';
import { agentChange } from './agent-change';

describe('agentChange', () => {
  it('records only the fields that changed, old and new', () => {
    expect(agentChange('A1', { status: 'online', capacity: 5 }, { status: 'away', capacity: 5 })).toEqual({
      agentId: 'A1',
      from: { status: 'online' },
      to: { status: 'away' },
    });
    expect(agentChange('A1', { status: 'online', capacity: 5 }, { status: 'offline', capacity: 8 })).toEqual({
      agentId: 'A1',
      from: { status: 'online', capacity: 5 },
      to: { status: 'offline', capacity: 8 },
    });
  });

  it('records nothing when nothing changed', () => {
    expect(agentChange('A1', { status: 'away', capacity: 3 }, { status: 'away', capacity: 3 })).toBeNull();
  });
});
