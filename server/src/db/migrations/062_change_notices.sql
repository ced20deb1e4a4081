-- Macros and the knowledge base are not synced rows: workstations fetch them whole. A change
-- notifies kadesk_changed on commit so the server can tell the workstations concerned (all for
-- shared sets, the owner only for a personal macro) to fetch them again.
CREATE FUNCTION kadesk_notify_macros_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kadesk_changed', json_build_object(
    'what', 'macros',
    'agentId', CASE WHEN TG_OP = 'DELETE' THEN OLD.owner_id ELSE NEW.owner_id END
  )::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER macros_changed AFTER INSERT OR UPDATE OR DELETE ON macros
  FOR EACH ROW EXECUTE FUNCTION kadesk_notify_macros_changed();

CREATE FUNCTION kadesk_notify_knowledge_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kadesk_changed', json_build_object('what', 'knowledge', 'agentId', NULL)::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER sops_changed AFTER INSERT OR UPDATE OR DELETE ON sops
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_notify_knowledge_changed();
CREATE TRIGGER kb_articles_changed AFTER INSERT OR UPDATE OR DELETE ON kb_articles
  FOR EACH STATEMENT EXECUTE FUNCTION kadesk_notify_knowledge_changed();
