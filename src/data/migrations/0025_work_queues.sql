-- The work queues on My work read only what is still open, from these indexes.
CREATE INDEX IF NOT EXISTS placement_proposal_open_idx ON placement_proposal (created_at) WHERE status IN ('considering', 'proposed');
CREATE INDEX IF NOT EXISTS agreement_requirement_proposal_idx ON agreement_requirement (proposal_id) WHERE status IN ('not_requested', 'requested');
CREATE INDEX IF NOT EXISTS agreement_requirement_asked_idx ON agreement_requirement (social_worker_user_id) WHERE status = 'requested';
CREATE INDEX IF NOT EXISTS placement_request_draft_idx ON placement_request (created_by) WHERE status = 'draft';
