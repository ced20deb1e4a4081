-- Automatic supplier checks of "not received" tickets (到账延迟), queued by the inbound
-- pipeline in the transaction that stores the message, so a crash or a supplier outage
-- cannot lose one. The check itself runs after commit, outside intake; a supplier that
-- cannot be reached leaves the row 'retrying' with a back-off, and the agent sees that.
CREATE TABLE supplier_check_jobs (
  conversation_id text PRIMARY KEY REFERENCES conversations(id),
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'retrying', 'done', 'gave_up')),
  -- The last outcome of autoCheckNotReceived (notified, healthy, unavailable, …).
  outcome text,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- Not run before then: a back-off after a failure, or the lease of a runner at work.
  not_before timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX supplier_check_jobs_due ON supplier_check_jobs (not_before) WHERE state IN ('pending', 'retrying');
