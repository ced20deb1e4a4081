-- Tamper-evident record of changes to the workspace itself rather than to a ticket, such as a
-- supervisor setting an agent's status or capacity. One chain for the whole workspace, hashed
-- like ticket_events (server/src/audit/workspace.ts), so removing any event but the newest
-- breaks it; append-only like the other trails.
CREATE TABLE workspace_events (
  seq integer PRIMARY KEY CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor_id text,
  actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'customer', 'system', 'bot')),
  type text NOT NULL CHECK (type <> ''),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);

-- An agent's own history of changes (who changed them, from what to what).
CREATE INDEX workspace_events_agent ON workspace_events ((data->>'agentId'), seq) WHERE data ? 'agentId';

CREATE TRIGGER workspace_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON workspace_events
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_reject_change();
