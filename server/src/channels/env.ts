import type { z } from 'zod';

/**
 * Reads one channel's settings from environment variables. `vars` maps each setting to
 * its variable name. Returns null when none of them is set (the channel is not used);
 * throws naming every missing or malformed variable, never its value, when some are.
 */
export function channelConfigFromEnv<S extends z.ZodObject>(
  env: NodeJS.ProcessEnv,
  vars: Record<keyof z.infer<S> & string, string>,
  schema: S,
): z.infer<S> | null {
  const entries = Object.entries(vars) as Array<[string, string]>;
  const raw = Object.fromEntries(entries.map(([key, name]) => [key, env[name]?.trim() || undefined]));
  if (Object.values(raw).every((v) => v === undefined)) return null;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0]);
    const name = vars[key as keyof typeof vars] ?? key;
    return raw[key] === undefined ? `${name} 未设置 (is required)` : `${name} 格式不对 (malformed): ${issue.message}`;
  });
  throw new Error(problems.join('; '));
}
