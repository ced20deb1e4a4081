import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const zh = leaves(zhCN);
  const english = leaves(en);

  it('have the same keys in both languages', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('use the same placeholders in both languages, and no empty strings', () => {
    for (const [key, text] of zh) {
      expect(text, key).not.toBe('');
      expect(english.get(key), key).not.toBe('');
      expect(placeholders(english.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });
});
