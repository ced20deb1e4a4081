-- The inbound pipeline: durable intake, classification, routing, assignment and SLA state.

-- Intake records each accepted message here in one short transaction and answers the
-- channel; processing (identify → classify → route → assign → SLA → store) marks the row
-- done in the transaction that stores the message. A crash in between leaves the row
-- queued, and the next processor (inline retry, sweeper, restart) stores it exactly once.
CREATE TABLE inbound_queue (
  -- The id the stored message gets; the channel receipt points at it from intake on.
  id text PRIMARY KEY,
  channel text NOT NULL,
  -- The normalised InboundMessage as the channel adapter handed it over.
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  -- A failed attempt backs off until then.
  not_before timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  conversation_id text REFERENCES conversations(id),
  customer_id text REFERENCES customers(id)
);
CREATE INDEX inbound_queue_pending ON inbound_queue (not_before) WHERE status = 'queued';
CREATE INDEX inbound_queue_failed ON inbound_queue (received_at) WHERE status = 'failed';

ALTER TABLE conversations
  ADD COLUMN category_confidence double precision,
  ADD COLUMN repeat boolean NOT NULL DEFAULT false,
  ADD COLUMN group_mention boolean NOT NULL DEFAULT false,
  -- Every order number the customer named, linked or not: repeat detection matches on them.
  ADD COLUMN order_refs text[] NOT NULL DEFAULT '{}',
  -- NULL: not on an SLA clock (tickets from before the pipeline, the demo's history).
  ADD COLUMN sla_state text CHECK (sla_state IN ('ok', 'warning', 'breached', 'met', 'paused')),
  ADD COLUMN sla_first_response_due_at timestamptz,
  ADD COLUMN sla_next_response_due_at timestamptz,
  ADD COLUMN sla_resolution_due_at timestamptz;

-- The SLA sweep's working set, the assignment sweep's queue and the agents' open load.
CREATE INDEX conversations_sla_running ON conversations (created_at)
  WHERE sla_state IS NOT NULL AND status <> 'resolved' AND deleted_at IS NULL;
CREATE INDEX conversations_unassigned ON conversations (team_id, created_at)
  WHERE assignee_id IS NULL AND status <> 'resolved' AND deleted_at IS NULL;
CREATE INDEX conversations_open_load ON conversations (assignee_id)
  WHERE status <> 'resolved' AND deleted_at IS NULL;

-- Escalation actions taken, by escalationsFor's key: each fires once per wait of a clock.
CREATE TABLE sla_escalations (
  conversation_id text NOT NULL REFERENCES conversations(id),
  key text NOT NULL,
  fired_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, key)
);

-- Round-robin needs each agent's last assignment. Kept off the agents row so that an
-- assignment does not re-sync the agent directory to every workstation.
CREATE TABLE agent_assignments (
  agent_id text PRIMARY KEY REFERENCES agents(id),
  last_assigned_at timestamptz NOT NULL
);

-- The classifier with the agents' corrections folded in (serialiseModel). Without a row the
-- built-in model trained on the labelled set applies. `revision` changes on every save, so
-- each server instance reloads the model only when another one has learned.
CREATE TABLE classifier_models (
  name text PRIMARY KEY,
  revision text NOT NULL,
  model text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
