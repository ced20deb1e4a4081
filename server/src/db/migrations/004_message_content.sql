-- Rich message content: sanitised HTML (email) and attachment descriptors.
ALTER TABLE messages ADD COLUMN html text;
ALTER TABLE messages ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]';
