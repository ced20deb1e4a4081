-- Proactive notices (主动通知): a supervisor's message to every customer affected by a product
-- or a supplier. The recipients are fixed when the notice is created; each is sent in its own
-- transaction that also marks it, so a retry or a restart sends nobody a notice twice.
CREATE TABLE proactive_notices (
  -- The client's id for the notice: creating it again returns it instead of sending again.
  id text PRIMARY KEY,
  audience jsonb NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  created_by text NOT NULL REFERENCES agents(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  state text NOT NULL DEFAULT 'sending' CHECK (state IN ('sending', 'done')),
  finished_at timestamptz
);
CREATE INDEX proactive_notices_sending ON proactive_notices (created_at) WHERE state = 'sending';

CREATE TABLE proactive_recipients (
  notice_id text NOT NULL REFERENCES proactive_notices(id),
  customer_id text NOT NULL REFERENCES customers(id),
  -- The channel the customer last wrote on; null when Kadesk has none to write to.
  channel text,
  status text NOT NULL CHECK (status IN ('pending', 'sent', 'unreachable')),
  conversation_id text REFERENCES conversations(id),
  message_id text,
  new_conversation boolean,
  sent_at timestamptz,
  PRIMARY KEY (notice_id, customer_id)
);
CREATE INDEX proactive_recipients_pending ON proactive_recipients (notice_id) WHERE status = 'pending';
