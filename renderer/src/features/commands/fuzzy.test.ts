import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyMatch, fuzzyTarget } from './fuzzy';
import { pinyinInitials } from './pinyin';

const labels = ['分配给我', '分配给…', '标记完成', '设为等待供货商', '设为等待客户', '视图：我的', '视图：全部', '切换语言：English', '退出登录'];
const rank = (q: string) => fuzzyFilter(q, labels, (l) => fuzzyTarget(l)).map((r) => r.item);

describe('pinyin initials', () => {
  it('gives each Han character its initial, other characters as they are', () => {
    expect(pinyinInitials('分配给我')).toBe('fpgw');
    expect(pinyinInitials('退出登录')).toBe('tcdl');
    expect(pinyinInitials('龙路绿罗妈')).toBe('llllm');
    expect(pinyinInitials('演示客服03')).toBe('yskf03');
    expect(pinyinInitials('切换语言：English')).toBe('qhyy：english');
  });
});

describe('fuzzy matching', () => {
  it('matches subsequences and marks the matched characters', () => {
    expect(fuzzyMatch('完成', fuzzyTarget('标记完成'))?.indices).toEqual([2, 3]);
    expect(fuzzyMatch('标成', fuzzyTarget('标记完成'))?.indices).toEqual([0, 3]);
    expect(fuzzyMatch('成完', fuzzyTarget('标记完成'))).toBeNull();
    expect(fuzzyMatch('', fuzzyTarget('标记完成'))).toEqual({ score: 0, indices: [] });
  });

  it('finds Chinese labels by pinyin initials', () => {
    expect(rank('fpgw')).toEqual(['分配给我']);
    expect(rank('ddgh')[0]).toBe('设为等待供货商');
    expect(fuzzyMatch('tcdl', fuzzyTarget('退出登录'))?.indices).toEqual([0, 1, 2, 3]);
  });

  it('prefers adjacent hits and word starts', () => {
    expect(rank('等待')).toEqual(['设为等待供货商', '设为等待客户']);
    expect(rank('eng')[0]).toBe('切换语言：English');
    const adjacent = fuzzyMatch('abc', fuzzyTarget('xx abc'))!.score;
    const scattered = fuzzyMatch('abc', fuzzyTarget('a x b x c'))!.score;
    expect(adjacent).toBeGreaterThan(scattered);
    expect(fuzzyMatch('Resolve', fuzzyTarget('resolve all'))).not.toBeNull();
  });

  it('matches keywords without marking the label', () => {
    expect(fuzzyMatch('resolve', fuzzyTarget('标记完成', 'resolve close'))).toEqual({ score: expect.any(Number), indices: [] });
    const label = fuzzyMatch('wc', fuzzyTarget('标记完成', 'wc'))!;
    expect(label.indices).toEqual([2, 3]);
  });
});
