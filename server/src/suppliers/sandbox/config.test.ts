import { describe, expect, it } from 'vitest';
import { supplierSandboxFromEnv } from './config';

describe('sandbox supplier settings', () => {
  it('runs with the demo unless switched off, and only when switched on otherwise', () => {
    expect(supplierSandboxFromEnv({}, true)).toEqual({ port: 0, scenario: null });
    expect(supplierSandboxFromEnv({}, false)).toBeNull();
    expect(supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX: '0' }, true)).toBeNull();
    expect(supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX: '1' }, false)).toEqual({ port: 0, scenario: null });
  });

  it('takes a port and a starting scenario', () => {
    expect(
      supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX_PORT: '4171', KADESK_SUPPLIER_SANDBOX_SCENARIO: 'down' }, true),
    ).toEqual({ port: 4171, scenario: 'down' });
  });

  it('refuses nonsense with the variable named', () => {
    expect(() => supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX: 'yes' }, true)).toThrow(/KADESK_SUPPLIER_SANDBOX/);
    expect(() => supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX_PORT: '70000' }, true)).toThrow(/KADESK_SUPPLIER_SANDBOX_PORT/);
    expect(() => supplierSandboxFromEnv({ KADESK_SUPPLIER_SANDBOX_SCENARIO: 'flaky' }, true)).toThrow(/healthy/);
  });
});
