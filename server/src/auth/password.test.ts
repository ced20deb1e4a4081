import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const stored = await hashPassword('kadesk-agent');
    expect(await verifyPassword('kadesk-agent', stored)).toBe(true);
    expect(await verifyPassword('kadesk-agenT', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash and never stores the password', async () => {
    const a = await hashPassword('same password');
    const b = await hashPassword('same password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]+\$[\w-]+$/);
  });

  it('reads the cost parameters from the stored string', async () => {
    // A hash made with other parameters (as an older release might have) still verifies.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old password', salt, 32, { N: 2 ** 12, r: 8, p: 1 });
    const stored = `scrypt$12$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('old password', stored)).toBe(true);
    expect(await verifyPassword('other password', stored)).toBe(false);
  });

  it('treats malformed or outlandish stored hashes as not matching', async () => {
    const good = await hashPassword('pw');
    const parts = good.split('$');
    for (const bad of [
      '',
      'plain-text',
      good.replace('scrypt', 'bcrypt'),
      [...parts.slice(0, 5)].join('$'),
      [parts[0], '40', ...parts.slice(2)].join('$'),
      [parts[0], 'x', ...parts.slice(2)].join('$'),
      [...parts.slice(0, 5), 'c2hvcnQ'].join('$'),
    ]) {
      expect(await verifyPassword('pw', bad)).toBe(false);
    }
  });

  it('matches canonically equal Unicode spellings', async () => {
    const stored = await hashPassword('caf\u00e9');
    expect(await verifyPassword('cafe\u0301', stored)).toBe(true);
  });
});
