-- 先行赔付: what the platform paid out first, and who is liable for it. Supplier-liable
-- records are settled with the supplier per month (settlement_status).
CREATE TABLE compensations (
  id text PRIMARY KEY,
  -- The client's request id: the same command sent twice is recorded once.
  request_id text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('refund', 'reissue', 'coupon', 'credit')),
  conversation_id text NOT NULL REFERENCES conversations(id),
  order_id text REFERENCES orders(id),
  customer_id text NOT NULL REFERENCES customers(id),
  amount_cents integer NOT NULL CHECK (amount_cents >= 0),
  percent integer CHECK (percent BETWEEN 1 AND 100),
  cause text NOT NULL,
  note text NOT NULL DEFAULT '',
  supplier text,
  liable text NOT NULL CHECK (liable IN ('platform', 'supplier', 'customer')),
  settlement_status text NOT NULL CHECK (settlement_status IN ('pending', 'settled', 'not_applicable')),
  coupon_code text,
  reissued_keys text[] NOT NULL DEFAULT '{}',
  -- Null when Kadesk granted it by itself (automatic supplier check).
  created_by text REFERENCES agents(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (liable <> 'supplier' OR supplier IS NOT NULL)
);
CREATE INDEX compensations_conversation ON compensations (conversation_id, created_at);
CREATE INDEX compensations_customer ON compensations (customer_id, created_at);
CREATE INDEX compensations_order ON compensations (order_id);
CREATE INDEX compensations_settlement ON compensations (supplier, created_at) WHERE liable = 'supplier';
