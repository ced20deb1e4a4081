-- Account freezes (冻结账户) and the record of every security action on a customer.
ALTER TABLE customers ADD COLUMN frozen boolean NOT NULL DEFAULT false;
-- Re-stamps every customer so workstations pull the new field with the rows they hold.
UPDATE customers SET frozen = false;

CREATE TABLE security_actions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers(id),
  action text NOT NULL CHECK (action IN ('freeze', 'unfreeze', 'view_transactions')),
  reason text NOT NULL DEFAULT '',
  conversation_id text REFERENCES conversations(id),
  actor_id text NOT NULL REFERENCES agents(id),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX security_actions_customer ON security_actions (customer_id, at);

CREATE FUNCTION kadesk_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END $$;

-- Who froze, unfroze or looked at an account stays on record.
CREATE TRIGGER security_actions_append_only
  BEFORE UPDATE OR DELETE OR TRUNCATE ON security_actions
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_reject_change();
