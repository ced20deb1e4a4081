import { describe, expect, it } from 'vitest';
import { createUiStore, draftKey } from './ui-store';

function memory() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('ui store', () => {
  it('moves the selection within the loaded rows', () => {
    const store = createUiStore(memory());
    const s = () => store.getState();
    s().setListIds(['a', 'b', 'c']);
    s().move(1);
    expect(s().selectedId).toBe('a');
    s().move(1);
    s().move(5);
    expect(s().selectedId).toBe('c');
    s().move(-1);
    expect(s().selectedId).toBe('b');
  });

  it('selects the row that took the place of one that left the list', () => {
    const store = createUiStore(memory());
    const s = () => store.getState();
    s().setListIds(['a', 'b', 'c']);
    s().select('b');
    s().setListIds(['a', 'c']);
    expect(s().selectedId).toBe('c');
    s().setListIds(['a']);
    expect(s().selectedId).toBe('a');
    s().setListIds([]);
    expect(s().selectedId).toBeNull();
  });

  it('persists drafts and the view, not the selection', () => {
    const storage = memory();
    const store = createUiStore(storage);
    store.getState().setDraft(draftKey('a1', 'c1'), '草稿内容');
    store.getState().setView('unassigned');
    store.getState().open('c1');
    const saved = JSON.parse(storage.items.get('kadesk.ui') ?? '{}');
    expect(saved.state).toEqual({ view: 'unassigned', drafts: { 'a1/c1': '草稿内容' } });

    store.getState().setDraft(draftKey('a1', 'c1'), '');
    expect(store.getState().drafts).toEqual({});
  });

  it('ticks rows for bulk actions, by toggle and by extending the selection', () => {
    const store = createUiStore(memory());
    const s = () => store.getState();
    s().setListIds(['a', 'b', 'c', 'd']);
    s().select('b');
    s().extend(1);
    s().extend(1);
    expect(s().checked).toEqual(['b', 'c', 'd']);
    expect(s().selectedId).toBe('d');
    s().toggleChecked('c');
    expect(s().checked).toEqual(['b', 'd']);
    s().setView('mine');
    expect(s().checked).toEqual([]);
  });

  it('brings a view saved under an old name forward', () => {
    const storage = memory();
    storage.setItem('kadesk.ui', JSON.stringify({ state: { view: 'resolved', drafts: { 'a1/c1': '草稿' } }, version: 0 }));
    expect(createUiStore(storage).getState()).toMatchObject({ view: 'status:resolved', drafts: { 'a1/c1': '草稿' } });
    storage.setItem('kadesk.ui', JSON.stringify({ state: { view: 'gone' }, version: 0 }));
    expect(createUiStore(storage).getState().view).toBe('open');
  });
});
