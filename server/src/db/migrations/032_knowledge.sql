-- SOPs per category and the knowledge base (知识库), kept by admins; checklist ticks per ticket.

-- One SOP a category: the answer template, the troubleshooting checklist (items with ids that
-- stay stable across edits, so ticks keep pointing at the same step) and the escalation rule.
CREATE TABLE sops (
  category text PRIMARY KEY,
  answer_template text NOT NULL,
  checklist jsonb NOT NULL CHECK (jsonb_typeof(checklist) = 'array'),
  escalation_team text NOT NULL,
  escalation_condition text NOT NULL,
  escalation_action text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text REFERENCES agents(id)
);

CREATE TABLE kb_articles (
  id text PRIMARY KEY,
  title text NOT NULL CHECK (title <> ''),
  body text NOT NULL,
  categories text[] NOT NULL DEFAULT '{}',
  keywords text[] NOT NULL DEFAULT '{}',
  audience text NOT NULL CHECK (audience IN ('agent', 'customer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text REFERENCES agents(id),
  deleted_at timestamptz
);

-- Which checklist steps were done on a ticket. Workstations tick offline and send the state
-- later: the latest tick by the agent's clock wins, so a resent tick changes nothing.
CREATE TABLE checklist_ticks (
  conversation_id text NOT NULL REFERENCES conversations(id),
  item_id text NOT NULL,
  checked boolean NOT NULL,
  at timestamptz NOT NULL,
  agent_id text REFERENCES agents(id),
  PRIMARY KEY (conversation_id, item_id)
);
