-- Files customers send (email attachments, inline images, form screenshots). Kept in the
-- database so that embedded PGlite and several server instances on one PostgreSQL serve
-- the same bytes without a shared disk.
CREATE TABLE attachments (
  id text PRIMARY KEY,
  -- The inbound message the file arrived with (channel and its external id) and its place
  -- in it: a channel's retry of that message stores nothing twice and gets the same ids.
  channel text NOT NULL,
  external_id text NOT NULL,
  ordinal integer NOT NULL CHECK (ordinal >= 0),
  -- Set once the pipeline has stored the message; until then agents cannot fetch the file.
  message_id text,
  filename text NOT NULL,
  content_type text NOT NULL,
  size integer NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (channel, external_id, ordinal)
);
