-- Satisfaction surveys (满意度调查) sent after resolution, and the jobs that send them.

-- One survey a send: the customer answers through a public page whose random token is stored
-- hashed only. Reports read this table for CSAT.
CREATE TABLE csat_surveys (
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations(id),
  customer_id text NOT NULL,
  agent_id text NULL,
  channel text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  sent_at timestamptz NOT NULL,
  score smallint NULL CHECK (score BETWEEN 1 AND 5),
  comment text NULL,
  answered_at timestamptz NULL
);
CREATE INDEX csat_surveys_conversation ON csat_surveys (conversation_id);
CREATE INDEX csat_surveys_sent ON csat_surveys (sent_at);
-- At most one unanswered survey per conversation: a second request finds the open one.
CREATE UNIQUE INDEX csat_surveys_one_open ON csat_surveys (conversation_id) WHERE answered_at IS NULL;

-- A resolution queues a job in the resolving transaction itself, whichever path set the
-- status (sync push, macros, case actions). A worker sends the survey and deletes the job in
-- one transaction, so a crash neither loses a survey nor sends it twice, and the push that
-- resolved the ticket does no more than one insert.
CREATE TABLE csat_jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations(id),
  -- The ticket's owner when it was resolved: the survey rates their work.
  agent_id text NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text NULL
);
CREATE INDEX csat_jobs_created ON csat_jobs (created_at);

CREATE FUNCTION kadesk_queue_csat() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO csat_jobs (conversation_id, agent_id) VALUES (NEW.id, NEW.assignee_id);
  PERFORM pg_notify('kadesk_csat', NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER conversations_resolved_csat
  AFTER UPDATE OF status ON conversations
  FOR EACH ROW WHEN (NEW.status = 'resolved' AND OLD.status IS DISTINCT FROM 'resolved')
  EXECUTE FUNCTION kadesk_queue_csat();
