import type { ParseKeys, TFunction } from 'i18next';
import { FIXED_VIEWS, type InboxView } from '../../data';

export interface Label {
  key: ParseKeys;
  /** Values that are themselves translation keys, translated before they are put in. */
  options?: Record<string, string>;
}

const isFixed = (view: InboxView) => (FIXED_VIEWS as readonly string[]).includes(view);

/** A view's full name: fixed views by name, facets as "Status: Open" and the like. */
export function viewLabel(view: InboxView): Label {
  if (isFixed(view)) return { key: `views.${view}` as ParseKeys };
  const [facet, value] = view.split(':') as ['status' | 'channel' | 'category', string];
  return { key: `views.${facet}`, options: { name: `${facet}.${value}` } };
}

/** A view's name under its section heading: the facet value alone. */
export function viewName(t: TFunction, view: InboxView): string {
  return isFixed(view) ? t(`views.${view}` as ParseKeys) : t(view.replace(':', '.') as ParseKeys);
}

export function labelText(t: TFunction, label: Label): string {
  const options = Object.fromEntries(Object.entries(label.options ?? {}).map(([k, v]) => [k, t(v as ParseKeys)]));
  return t(label.key as never, options) as string;
}
