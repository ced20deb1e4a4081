-- Tags travel with the conversation row so workstations show them (and filter offline)
-- without another synced table; conversation_tags stays the record of who tagged and when.
ALTER TABLE conversations ADD COLUMN tags text[] NOT NULL DEFAULT '{}';

UPDATE conversations c
   SET tags = t.tags
  FROM (SELECT conversation_id, array_agg(tag ORDER BY created_at, tag) AS tags FROM conversation_tags GROUP BY conversation_id) t
 WHERE t.conversation_id = c.id;
