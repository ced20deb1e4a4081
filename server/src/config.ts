import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CompensationPolicy } from '../../protocol/compensation';
import { type EmailConfig, emailConfigFromEnv } from './channels/email/config';
import { type PhoneConfig, phoneConfigFromEnv } from './channels/phone/config';
import { type QqConfig, qqConfigFromEnv } from './channels/qq/config';
import { type WecomConfig, wecomConfigFromEnv } from './channels/wecom/config';
import type { PipelineSettings } from './pipeline/service';
import { compensationPolicyFromEnv } from './compensation/policy';
import { type SupplierSandboxConfig, supplierSandboxFromEnv } from './suppliers/sandbox/config';

export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; null means the embedded PGlite database. */
  databaseUrl: string | null;
  /** PGlite data directory; null keeps the database in memory (tests). */
  dataDir: string | null;
  /** Seed the demo workspace when the database is empty. */
  demo: boolean;
  /** Built workstation (browser mode) and widget assets. */
  staticDir: string;
  /** Origins allowed to call the API from elsewhere (the desktop app's app:// origin). */
  corsOrigins: string[];
  sessionTtlHours: number;
  logLevel: string;
  /** Channels switched on by their settings; null leaves the channel's routes out. */
  wecom: WecomConfig | null;
  qq: QqConfig | null;
  email: EmailConfig | null;
  phone: PhoneConfig | null;
  /** The built-in sandbox supplier on its own loopback port; null leaves it off. */
  supplierSandbox: SupplierSandboxConfig | null;
  /** 先行赔付 limits per role, and the automatic check's coupon. */
  compensationPolicy: CompensationPolicy;
  /** Whether this instance processes inbound messages, and how often the pipeline sweeps run. */
  pipeline: PipelineSettings;
}

/** The per-user application-data folder, as desktop apps use on each platform. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Kadesk', 'server');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kadesk', 'server');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'kadesk', 'server');
}

function intFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const demo = env.KADESK_DEMO !== '0';
  return {
    host: env.KADESK_HOST ?? '127.0.0.1',
    port: intFrom(env.KADESK_PORT, 4170, 'KADESK_PORT'),
    databaseUrl: env.DATABASE_URL || null,
    dataDir: env.KADESK_DATA_DIR === ':memory:' ? null : (env.KADESK_DATA_DIR ?? defaultDataDir(env)),
    demo,
    staticDir: env.KADESK_STATIC_DIR ?? join(process.cwd(), 'out'),
    corsOrigins: (env.KADESK_CORS_ORIGINS ?? 'app://kadesk').split(',').map((s) => s.trim()).filter(Boolean),
    sessionTtlHours: intFrom(env.KADESK_SESSION_TTL_HOURS, 12, 'KADESK_SESSION_TTL_HOURS'),
    logLevel: env.KADESK_LOG_LEVEL ?? 'info',
    wecom: wecomConfigFromEnv(env),
    qq: qqConfigFromEnv(env),
    email: emailConfigFromEnv(env),
    phone: phoneConfigFromEnv(env),
    supplierSandbox: supplierSandboxFromEnv(env, demo),
    compensationPolicy: compensationPolicyFromEnv(env),
    pipeline: {
      process: pipelineMode(env.KADESK_PIPELINE) === 'full',
      sweepMs: intFrom(env.KADESK_SWEEP_MS, 5000, 'KADESK_SWEEP_MS'),
    },
  };
}

function pipelineMode(value: string | undefined): 'full' | 'intake' {
  if (value === undefined || value === '' || value === 'full') return 'full';
  if (value === 'intake') return 'intake';
  throw new Error(`KADESK_PIPELINE must be full or intake, got "${value}"`);
}
