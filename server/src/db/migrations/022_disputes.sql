-- Disputes (退款争议/售后纠纷): evidence by reference, a review deadline and the verdict.
CREATE TABLE disputes (
  -- Minted by the client, so a retried open creates one dispute.
  id text PRIMARY KEY,
  conversation_id text NOT NULL REFERENCES conversations(id),
  order_id text REFERENCES orders(id),
  customer_id text NOT NULL REFERENCES customers(id),
  supplier text,
  reason text NOT NULL,
  evidence jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(evidence) = 'array'),
  status text NOT NULL CHECK (status IN ('open', 'decided')),
  opened_by text NOT NULL REFERENCES agents(id),
  opened_at timestamptz NOT NULL DEFAULT now(),
  review_due_at timestamptz NOT NULL,
  mediation boolean NOT NULL DEFAULT false,
  verdict text CHECK (verdict IN ('refund', 'explain_rule')),
  explanation text,
  refund_cents integer,
  seller_credit_points integer,
  compensation_id text REFERENCES compensations(id),
  decided_by text REFERENCES agents(id),
  decided_at timestamptz,
  CHECK ((status = 'decided') = (verdict IS NOT NULL))
);
CREATE INDEX disputes_conversation ON disputes (conversation_id, opened_at);
CREATE INDEX disputes_open_due ON disputes (review_due_at) WHERE status = 'open';
