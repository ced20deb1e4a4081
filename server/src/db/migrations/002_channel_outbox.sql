-- Agent replies handed to external channels (WeChat Work, QQ): one row a message, so a
-- reply is sent once however many notifications, sweeps and server instances see it.
CREATE TABLE outbound_deliveries (
  message_id text PRIMARY KEY REFERENCES messages(id),
  channel text NOT NULL,
  -- sending: claimed by a sender until claimed_at + lease; retry: failed, will be tried
  -- again; sent / failed: final.
  status text NOT NULL CHECK (status IN ('sending', 'retry', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbound_deliveries_pending ON outbound_deliveries (channel, status) WHERE status IN ('sending', 'retry');

-- The delivery sweep looks at the last day's agent replies across all conversations.
CREATE INDEX messages_agent_recent ON messages (created_at) WHERE kind = 'agent';
