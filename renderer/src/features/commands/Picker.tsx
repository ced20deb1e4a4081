import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Marked, rangesOf } from '../../app/Marked';
import { fuzzyFilter, fuzzyTarget } from './fuzzy';
import './commands.css';

export interface PickerItem {
  id: string;
  label: string;
  /** Shown after the label, dimmed (a group or a count). */
  detail?: string;
  keys?: readonly string[];
  keywords?: string;
}

interface Props {
  title: string;
  placeholder: string;
  items: readonly PickerItem[];
  onPick(id: string): void;
  onClose(): void;
  testId: string;
  /** An item made from the typed text (a new tag, say), offered first; null offers none. */
  fromQuery?(query: string): PickerItem | null;
}

/** Shown at most; the rest are a few keystrokes away. */
const SHOWN = 60;

/**
 * A dialog that filters a list as the agent types (fuzzy, pinyin initials too) and picks
 * with Enter; ↑/↓ or Ctrl+N/P move, Escape closes. The command palette and the assign,
 * status and view choosers are all one of these.
 */
export function Picker({ title, placeholder, items, onPick, onClose, testId, fromQuery }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const titleId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);

  const targets = useMemo(() => new Map(items.map((i) => [i.id, fuzzyTarget(i.label, i.keywords)])), [items]);
  const matches = useMemo(() => {
    const typed = fromQuery?.(query);
    const found = fuzzyFilter(query, items, (i) => targets.get(i.id)!).slice(0, SHOWN);
    return typed ? [{ item: typed, match: { score: 0, indices: [] } }, ...found] : found;
  }, [query, items, targets, fromQuery]);
  const current = Math.min(active, Math.max(0, matches.length - 1));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const down = e.key === 'ArrowDown' || (e.ctrlKey && e.key === 'n');
    const up = e.key === 'ArrowUp' || (e.ctrlKey && e.key === 'p');
    if (down || up) {
      e.preventDefault();
      setActive(Math.max(0, Math.min(matches.length - 1, current + (down ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const picked = matches[current];
      if (picked) onPick(picked.item.id);
    }
  };

  useEffect(() => {
    document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [listId, current]);

  return (
    <div className="overlay" onClick={onClose}>
      <div className="dialog picker" role="dialog" aria-modal="true" aria-labelledby={titleId} onClick={(e) => e.stopPropagation()} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        <input
          ref={inputRef}
          className="picker-input"
          value={query}
          placeholder={placeholder}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={matches.length > 0 ? `${listId}-${current}` : undefined}
          data-testid={`${testId}-input`}
        />
        <ul className="picker-list" id={listId} role="listbox">
          {matches.map(({ item, match }, i) => (
            <li
              key={item.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className={i === current ? 'is-active' : undefined}
              // Moving, not entering: a list that opens under a resting pointer keeps the keyboard's choice.
              onMouseMove={() => i !== current && setActive(i)}
              onClick={() => onPick(item.id)}
              data-testid={`${testId}-option`}
            >
              <span className="picker-label">
                <Marked text={item.label} ranges={rangesOf(match.indices)} />
              </span>
              {item.detail && <span className="picker-detail">{item.detail}</span>}
              {item.keys?.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
