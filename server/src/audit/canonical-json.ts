// Object members may be undefined (optional fields); they are left out, as in JSON.stringify.
export type JsonObject = { readonly [key: string]: JsonValue | undefined };
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;

const isPlainObject = (v: object): v is Record<string, unknown> => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/**
 * JSON with object keys in code-unit order and no whitespace (as RFC 8785), so one value
 * always gives one string: hashes stay stable across engines and across a round trip through
 * jsonb, which reorders keys. Properties set to undefined are left out, as JSON.stringify
 * (and therefore the stored copy) leaves them out. Anything JSON cannot carry faithfully
 * (NaN, Infinity, Dates, class instances, undefined in arrays) is refused rather than
 * silently changed into something that would hash differently once stored.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not JSON: ${value}`);
    return JSON.stringify(value);
  }
  // Array.from visits holes too, so a sparse array is refused like undefined.
  if (Array.isArray(value)) return `[${Array.from(value, (v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object' && isPlainObject(value)) {
    const keys = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new TypeError(`not JSON: ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value}`);
}
