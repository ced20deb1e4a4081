import { SANDBOX_PRESETS, SandboxPreset } from '../../../../protocol/suppliers';

export interface SupplierSandboxConfig {
  /** Loopback port; 0 picks a free one (suppliers set to use the sandbox find it either way). */
  port: number;
  /** Every sandbox supplier's scenario at start; null keeps the demo's (one supplier congested). */
  scenario: SandboxPreset | null;
}

/**
 * KADESK_SUPPLIER_SANDBOX=1 runs the sandbox supplier inside the server, 0 keeps it off;
 * unset, it runs with the demo workspace. KADESK_SUPPLIER_SANDBOX_PORT and
 * KADESK_SUPPLIER_SANDBOX_SCENARIO set its port and starting scenario.
 */
export function supplierSandboxFromEnv(env: NodeJS.ProcessEnv, demo: boolean): SupplierSandboxConfig | null {
  const flag = env.KADESK_SUPPLIER_SANDBOX?.trim() || undefined;
  if (flag !== undefined && flag !== '0' && flag !== '1') throw new Error('KADESK_SUPPLIER_SANDBOX 只能是 0 或 1 (must be 0 or 1)');
  if (flag === '0' || (flag === undefined && !demo)) return null;

  const portText = env.KADESK_SUPPLIER_SANDBOX_PORT?.trim() || '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`KADESK_SUPPLIER_SANDBOX_PORT 必须是 0–65535 的整数 (must be an integer 0–65535), got "${portText}"`);
  }
  const scenarioText = env.KADESK_SUPPLIER_SANDBOX_SCENARIO?.trim() || undefined;
  const scenario = scenarioText === undefined ? null : SandboxPreset.safeParse(scenarioText);
  if (scenario && !scenario.success) {
    throw new Error(`KADESK_SUPPLIER_SANDBOX_SCENARIO 只能是 ${SANDBOX_PRESETS.join(' / ')} (unknown scenario "${scenarioText}")`);
  }
  return { port, scenario: scenario ? scenario.data : null };
}
