-- Macros (快捷宏): shared ones (admins keep them) and each agent's personal ones. The actions
-- are validated by the protocol's zod schema before they are stored.
CREATE TABLE macros (
  id text PRIMARY KEY,
  scope text NOT NULL CHECK (scope IN ('shared', 'personal')),
  owner_id text REFERENCES agents(id),
  name text NOT NULL CHECK (name <> ''),
  description text NOT NULL DEFAULT '',
  category text,
  actions jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope = 'shared') = (owner_id IS NULL))
);
CREATE INDEX macros_owner ON macros (owner_id) WHERE owner_id IS NOT NULL;

-- Who changed which macro how: the row before and after each change. Append-only like the
-- ticket trail; a macro's history outlives the macro.
CREATE TABLE macro_events (
  seq bigserial PRIMARY KEY,
  macro_id text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id text REFERENCES agents(id),
  action text NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
  before jsonb,
  after jsonb
);
CREATE INDEX macro_events_macro ON macro_events (macro_id, seq);

CREATE FUNCTION kadesk_reject_macro_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'macro_events is append-only: % refused', TG_OP;
END $$;

CREATE TRIGGER macro_events_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON macro_events
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_reject_macro_event_change();

-- Tags a macro (or an agent) puts on a ticket, e.g. 通道拥堵. Set through the sync mutation
-- conversation.tag, so it queues offline like the other ticket changes.
CREATE TABLE conversation_tags (
  conversation_id text NOT NULL REFERENCES conversations(id),
  tag text NOT NULL CHECK (tag <> ''),
  created_by text REFERENCES agents(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, tag)
);
