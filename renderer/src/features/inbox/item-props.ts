/** What an inbox row shows, as far as re-rendering goes. */
export interface ItemState {
  row: unknown;
  top: number;
  selected: boolean;
  open: boolean;
  checked: boolean;
}

/**
 * Whether an inbox row may skip re-rendering. The list renders on every scroll event and
 * gives each row a fresh click handler, but a handler only ever acts on its own row's id,
 * so a row whose data, position and state are unchanged looks and acts the same. Letting
 * the new handler count as a change re-rendered every visible row on every frame, which
 * was most of the script time of scrolling a long inbox.
 */
export function sameItem(prev: ItemState, next: ItemState): boolean {
  return (
    prev.row === next.row &&
    prev.top === next.top &&
    prev.selected === next.selected &&
    prev.open === next.open &&
    prev.checked === next.checked
  );
}
