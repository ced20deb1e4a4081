-- Channel-level thread references (email Message-IDs, both the customer's and our replies'),
-- so that a follow-up naming any of them joins the same conversation.
CREATE TABLE thread_refs (
  channel text NOT NULL,
  ref text NOT NULL,
  conversation_id text NOT NULL REFERENCES conversations(id),
  PRIMARY KEY (channel, ref)
);
CREATE INDEX thread_refs_conversation ON thread_refs (conversation_id);
