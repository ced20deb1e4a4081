import { describe, expect, it } from 'vitest';
import { checklistFromLines, keywordsFrom } from './editor-model';

describe('checklistFromLines', () => {
  const previous = [
    { id: 'order', text: '核对订单号' },
    { id: 'channel', text: '查询上游通道' },
  ];
  let n = 0;
  const mint = () => `new-${++n}`;

  it('keeps the ids of unchanged steps, mints ids for new ones and drops blank lines', () => {
    n = 0;
    expect(checklistFromLines('查询上游通道\n\n  告知预计恢复时间 \n核对订单号', previous, mint)).toEqual([
      { id: 'channel', text: '查询上游通道' },
      { id: 'new-1', text: '告知预计恢复时间' },
      { id: 'order', text: '核对订单号' },
    ]);
  });

  it('gives a repeated line its own id', () => {
    n = 0;
    expect(checklistFromLines('核对订单号\n核对订单号', previous, mint).map((i) => i.id)).toEqual(['order', 'new-1']);
  });
});

describe('keywordsFrom', () => {
  it('splits on Chinese and Latin commas and drops blanks and repeats', () => {
    expect(keywordsFrom('到账, 拥堵，补偿券、 到账 ,,')).toEqual(['到账', '拥堵', '补偿券']);
  });
});
