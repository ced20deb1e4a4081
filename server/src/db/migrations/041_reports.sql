-- Service reports read a period's worth of rows by time; these keep that a range scan.

-- Conversations created in the period (volume, first response, repeat-contact rate).
CREATE INDEX conversations_created ON conversations (created_at) WHERE deleted_at IS NULL;

-- Resolutions in the period (resolution times, SLA attainment, first-contact resolution).
CREATE INDEX ticket_events_resolutions ON ticket_events (at) WHERE type = 'status.changed' AND data->>'to' = 'resolved';

-- Compensation paid in the period, whoever is liable.
CREATE INDEX compensations_created ON compensations (created_at);
