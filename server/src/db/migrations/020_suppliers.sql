-- Upstream suppliers: where Kadesk checks channel health and card keys and asks for reissues
-- (补发). Orders name their supplier by name, so the name is how an order finds its row.
-- api_key is a secret: it is sent to the supplier and never returned by the API or logged.
CREATE TABLE suppliers (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  base_url text,
  -- Answered by the built-in sandbox supplier, whose port is chosen at start.
  use_sandbox boolean NOT NULL DEFAULT false,
  api_key_header text NOT NULL DEFAULT 'X-Api-Key',
  api_key text,
  timeout_ms integer NOT NULL DEFAULT 3000 CHECK (timeout_ms BETWEEN 50 AND 60000),
  retries integer NOT NULL DEFAULT 2 CHECK (retries BETWEEN 0 AND 5),
  enabled boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (use_sandbox OR base_url IS NOT NULL)
);

-- The last answer per supplier and question, returned marked stale when the supplier
-- cannot be reached or its circuit breaker is open.
CREATE TABLE supplier_snapshots (
  supplier_id text NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  kind text NOT NULL,
  key text NOT NULL,
  data jsonb NOT NULL,
  fetched_at timestamptz NOT NULL,
  PRIMARY KEY (supplier_id, kind, key)
);

-- Reissue requests by the client's request id: a retry returns the first outcome. 'pending'
-- rows are calls whose answer never arrived; the same request id asks again (the supplier
-- contract makes that safe).
CREATE TABLE supplier_reissues (
  request_id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(id),
  supplier text NOT NULL,
  codes text[] NOT NULL,
  conversation_id text REFERENCES conversations(id),
  requested_by text REFERENCES agents(id),
  reason text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'issued', 'rejected')),
  issued_codes text[] NOT NULL DEFAULT '{}',
  message text,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
CREATE INDEX supplier_reissues_order ON supplier_reissues (order_id);

-- Automatic "not received" checks that told the customer the ETA: at most one per ticket.
CREATE TABLE supplier_auto_checks (
  conversation_id text PRIMARY KEY REFERENCES conversations(id),
  order_id text NOT NULL,
  channel_state text NOT NULL,
  eta_minutes integer,
  message_id text NOT NULL,
  checked_at timestamptz NOT NULL DEFAULT now()
);
