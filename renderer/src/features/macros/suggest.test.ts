import { describe, expect, it } from 'vitest';
import type { Macro } from '../../../../protocol';
import { sortForCategory } from './suggest';

const macro = (id: string, patch: Partial<Macro>): Macro => ({
  id,
  scope: 'shared',
  ownerId: null,
  name: id,
  description: '',
  category: null,
  actions: [{ type: 'survey' }],
  createdAt: '',
  updatedAt: '',
  ...patch,
});

describe('macro suggestions', () => {
  const macros = [
    macro('通用结单', {}),
    macro('我的到账回复', { scope: 'personal', ownerId: 'A1', category: 'delivery_delayed' }),
    macro('到账延迟补偿', { category: 'delivery_delayed' }),
    macro('卡密无效补发', { category: 'invalid_card_key' }),
  ];

  it("lists the ticket category's macros first, shared before personal", () => {
    expect(sortForCategory(macros, 'delivery_delayed').map((m) => m.id)).toEqual(['到账延迟补偿', '我的到账回复', '卡密无效补发', '通用结单']);
  });
});
