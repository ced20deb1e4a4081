import type { CardKey } from '../../../../protocol/entities';
import type { Inventory, SandboxScenario, SupplierKeyState } from '../../../../protocol/suppliers';
import { chinaWallClock } from '../../casework/china-time';
import type { WireCardKey } from '../contract';

// The sandbox supplier's answers, derived only from the order and key it is asked about, so
// the same question always gets the same answer, on every machine and in every test.

/** A card key as the sandbox reads it from the workspace's orders. */
export interface CatalogKey {
  code: string;
  state: CardKey['state'];
  orderId: string;
  customerId: string;
  issuedAt: Date;
}

/** FNV-1a: a small, stable hash to derive batch numbers, times and stock from. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const MINUTE = 60_000;

const SUPPLIER_STATE: Record<CardKey['state'], SupplierKeyState> = {
  unused: 'issued',
  delivered: 'issued',
  redeemed: 'redeemed',
  invalid: 'void',
  pending: 'pending',
};

const day = (d: Date) => chinaWallClock(d).toISOString().slice(0, 10).replaceAll('-', '');

export function wireKey(k: CatalogKey): WireCardKey {
  const h = hash(k.code);
  const state = SUPPLIER_STATE[k.state];
  return {
    code: k.code,
    orderId: k.orderId,
    state,
    issuedAt: state === 'pending' ? null : k.issuedAt.toISOString(),
    redeemedAt: state === 'redeemed' ? new Date(k.issuedAt.getTime() + ((h % 180) + 1) * MINUTE).toISOString() : null,
    batch: `PC${day(k.issuedAt)}-${String((h % 97) + 1).padStart(2, '0')}`,
  };
}

/** Keys not yet issued have not been handed to anyone. */
export function wireDistribution(k: CatalogKey) {
  if (k.state === 'pending') return null;
  return {
    code: k.code,
    recipient: `buyer:${k.customerId}`,
    distributedAt: new Date(k.issuedAt.getTime() + ((hash(k.code) % 50) + 5) * 1000).toISOString(),
    via: 'api',
  };
}

export function inventoryOf(product: string, s: SandboxScenario): Inventory {
  const h = hash(product);
  if (s.channel === 'healthy') return { product, available: (h % 900) + 100, restockEtaMinutes: null };
  return { product, available: s.channel === 'down' ? 0 : h % 20, restockEtaMinutes: s.etaMinutes };
}

const ALNUM = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A replacement key shaped like the one it replaces (same group lengths), fixed by request and position. */
export function replacementCode(requestId: string, index: number, replaces: string | null): string {
  const groups = replaces ? replaces.split('-').map((g) => g.length) : [4, 4, 4, 4];
  let seed = hash(`${requestId}:${index}`);
  return groups
    .map((len) =>
      Array.from({ length: len }, () => {
        seed = Math.imul(seed ^ (seed >>> 15), 0x2c1b3c6d) >>> 0;
        return ALNUM[seed % ALNUM.length];
      }).join(''),
    )
    .join('-');
}
