import type { CompensationPolicy } from '../../../protocol/compensation';
import { DEFAULT_POLICY } from '../compensation/policy';
import type { Db } from '../db/db';
import { SupplierGateway } from './gateway';

/**
 * What supplier work needs beyond the database: the gateway (whose breakers are this
 * process's memory of each supplier) and the compensation policy. The supplier plugin
 * installs it for the server's database, so callers outside HTTP routes — the inbound
 * pipeline's automatic check — reach the same breakers with just the database handle.
 */
export interface SupplierRuntime {
  gateway: SupplierGateway;
  policy: CompensationPolicy;
}

const runtimes = new WeakMap<Db, SupplierRuntime>();

export function installRuntime(db: Db, runtime: SupplierRuntime): void {
  runtimes.set(db, runtime);
}

/** The installed runtime, or defaults (no sandbox, default policy) for a database no server runs on. */
export function runtimeFor(db: Db): SupplierRuntime {
  let runtime = runtimes.get(db);
  if (!runtime) {
    runtime = { gateway: new SupplierGateway(db), policy: DEFAULT_POLICY };
    runtimes.set(db, runtime);
  }
  return runtime;
}
