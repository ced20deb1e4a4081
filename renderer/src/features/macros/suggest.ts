import type { Category, Macro } from '../../../../protocol';

/** The macros for a ticket of `category` first, then the rest; shared before personal, then by name. */
export function sortForCategory(macros: readonly Macro[], category: Category | null): Macro[] {
  const rank = (m: Macro) => (category !== null && m.category === category ? 0 : 1);
  return [...macros].sort(
    (a, b) => rank(a) - rank(b) || Number(a.scope === 'personal') - Number(b.scope === 'personal') || a.name.localeCompare(b.name, 'zh-CN'),
  );
}
