-- Tamper-evident ticket history (终身追溯). Each event stores the SHA-256 of its canonical
-- form chained to the previous event's hash (server/src/audit/chain.ts), so a change made
-- behind the application's back shows up on verification; the trigger below makes the
-- table append-only for everyone who does not first switch it off.
CREATE TABLE ticket_events (
  ticket_id text NOT NULL REFERENCES conversations(id),
  seq integer NOT NULL CHECK (seq >= 1),
  at timestamptz NOT NULL,
  actor_id text,
  actor_kind text NOT NULL CHECK (actor_kind IN ('agent', 'customer', 'system', 'bot')),
  type text NOT NULL CHECK (type <> ''),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
  hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  PRIMARY KEY (ticket_id, seq)
);

CREATE FUNCTION kadesk_reject_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ticket_events is append-only: % refused', TG_OP;
END $$;

-- Statement level, so that even an UPDATE or DELETE matching no rows, and TRUNCATE, are refused.
CREATE TRIGGER ticket_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON ticket_events
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_reject_audit_change();
