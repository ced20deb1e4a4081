import { describe, expect, it } from 'vitest';
import { optionId, optionOf, tagOptions, tagsByUse, typedTag } from './tag-options';

describe('tag chooser options', () => {
  it('takes off a tag every target has, puts on one only some have, then suggests the rest', () => {
    const options = tagOptions([['通道拥堵', 'VIP'], ['通道拥堵']], ['补偿券已发', 'VIP', '通道拥堵']);
    expect(options).toEqual([
      { tag: '通道拥堵', op: 'remove' },
      { tag: 'VIP', op: 'add' },
      { tag: '补偿券已发', op: 'add' },
    ]);
    expect(tagOptions([undefined], ['VIP'])).toEqual([{ tag: 'VIP', op: 'add' }]);
  });

  it('offers typed text as a new tag only when it is a valid tag not already listed', () => {
    const offered = tagOptions([['VIP']], ['通道拥堵']);
    expect(typedTag('  待回访 ', offered)).toBe('待回访');
    expect(typedTag('VIP', offered)).toBeNull();
    expect(typedTag('   ', offered)).toBeNull();
    expect(typedTag('长'.repeat(41), offered)).toBeNull();
  });

  it('ranks suggestions by use and round-trips option ids, colons in tags included', () => {
    expect(tagsByUse([{ tags: ['a', 'b'] }, { tags: ['b'] }, {}, { tags: ['c', 'b', 'a'] }])).toEqual(['b', 'a', 'c']);
    const option = { tag: '售后:二次', op: 'remove' } as const;
    expect(optionOf(optionId(option))).toEqual(option);
    expect(optionOf('nonsense')).toBeNull();
  });
});
