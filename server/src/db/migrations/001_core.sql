-- Core workspace schema: people, customers, orders, conversations, messages, sync.

-- One sequence stamps every syncable row. Versions are handed out under a transaction-scoped
-- advisory lock held until commit, so versions become visible in increasing order and a
-- puller that advances its cursor never skips a change committed later with a smaller version.
CREATE SEQUENCE sync_version;

CREATE FUNCTION kadesk_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(72707);
  NEW.version := nextval('sync_version');
  RETURN NEW;
END $$;

-- Workstations are poked once per committing statement; NOTIFY is delivered on commit
-- and identical payloads within one transaction collapse into one.
CREATE FUNCTION kadesk_notify_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kadesk_sync', '');
  RETURN NULL;
END $$;

CREATE TABLE workspace_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  kind text NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);

CREATE TABLE agents (
  id text PRIMARY KEY,
  name text NOT NULL,
  login text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  team_ids text[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'offline' CHECK (status IN ('online', 'away', 'offline')),
  capacity integer NOT NULL DEFAULT 8 CHECK (capacity >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);

-- Only a hash of each session token is stored; a leaked table does not grant access.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  agent_id text NOT NULL REFERENCES agents(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_agent ON sessions (agent_id);

CREATE TABLE customers (
  id text PRIMARY KEY,
  name text NOT NULL,
  tier text NOT NULL CHECK (tier IN ('individual', 'merchant', 'enterprise')),
  vip boolean NOT NULL DEFAULT false,
  phone text,
  email text,
  note text NOT NULL DEFAULT '',
  identities jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);

-- One customer identity across channels: (channel, external id) resolves to one customer.
CREATE TABLE customer_identities (
  channel text NOT NULL,
  external_id text NOT NULL,
  customer_id text NOT NULL REFERENCES customers(id),
  PRIMARY KEY (channel, external_id)
);
CREATE INDEX customer_identities_customer ON customer_identities (customer_id);

CREATE TABLE orders (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  product text NOT NULL,
  game text,
  supplier text NOT NULL,
  amount_cents integer NOT NULL,
  state text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);
CREATE INDEX orders_customer ON orders (customer_id, created_at);

-- Full card keys stay on the server; workstations get the masked form only.
CREATE TABLE card_keys (
  id text PRIMARY KEY,
  order_id text NOT NULL REFERENCES orders(id),
  code text NOT NULL,
  state text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX card_keys_order ON card_keys (order_id);

CREATE TABLE conversations (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  channel text NOT NULL,
  subject text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('new', 'open', 'waiting_customer', 'waiting_supplier', 'resolved')),
  category text,
  priority text NOT NULL DEFAULT 'normal',
  team_id text REFERENCES teams(id),
  -- The team that held it before a move, so that its agents' pull still sees the row and drops it.
  prev_team_id text,
  assignee_id text REFERENCES agents(id),
  order_id text,
  last_message_at timestamptz NOT NULL DEFAULT now(),
  last_message_preview text NOT NULL DEFAULT '',
  unread_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);
CREATE INDEX conversations_customer ON conversations (customer_id, created_at);
CREATE INDEX conversations_team ON conversations (team_id);
CREATE INDEX conversations_assignee ON conversations (assignee_id);

CREATE TABLE messages (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations(id),
  kind text NOT NULL CHECK (kind IN ('customer', 'agent', 'note', 'system')),
  author_id text,
  author_name text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  version bigint NOT NULL DEFAULT 0,
  deleted_at timestamptz
);
CREATE INDEX messages_conversation ON messages (conversation_id, created_at, id);

-- Inbound dedupe: a channel's own message id is accepted once, whatever the retries.
CREATE TABLE inbound_receipts (
  channel text NOT NULL,
  external_id text NOT NULL,
  message_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, external_id)
);

-- Push results by mutation id: a retried mutation returns its first result and does nothing.
CREATE TABLE mutations (
  id text PRIMARY KEY,
  client_id text NOT NULL,
  agent_id text NOT NULL REFERENCES agents(id),
  name text NOT NULL,
  result jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);

-- Web chat visitors: a random token (stored hashed) ties a browser to its customer record.
CREATE TABLE widget_visitors (
  token_hash text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['teams', 'agents', 'customers', 'orders', 'conversations', 'messages'] LOOP
    EXECUTE format('CREATE INDEX %I ON %I (version)', t || '_version', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION kadesk_bump_version()', t || '_version', t);
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION kadesk_notify_sync()', t || '_notify', t);
  END LOOP;
END $$;
