-- Placement requests, matching, proposals and concurrent placement agreements (Concurrent placement agreement procedure), e-mail and
-- the carers' file.

-- What the carers offer, for matching (soft factors). Codes are defined in src/domain/matching.
ALTER TABLE household
  ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
  ADD COLUMN faith text,
  ADD COLUMN experience text[] NOT NULL DEFAULT '{}',
  ADD COLUMN preferences text[] NOT NULL DEFAULT '{}',
  ADD COLUMN pets boolean NOT NULL DEFAULT false,
  ADD COLUMN accessible_home boolean NOT NULL DEFAULT false;

-- Carers receive the confirmation e-mail of a placement.
ALTER TABLE household_member ADD COLUMN email text;

-- The Placement Request Form: from the child's social worker to the placement team. Its sections are
-- kept as JSON validated by the domain schemas (src/domain/records/placement-request.ts), so a draft
-- can be saved page by page.
CREATE TABLE placement_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'matching', 'proposed', 'confirmed', 'withdrawn')),
  urgency text CHECK (urgency IN ('emergency', 'planned')),
  kind text CHECK (kind IN ('emergency', 'short_term', 'long_term', 'short_breaks', 'parent_and_child', 'fostering_for_adoption')),
  needed_by date,
  sibling_ids uuid[] NOT NULL DEFAULT '{}',
  needs jsonb NOT NULL DEFAULT '{}',
  risks jsonb NOT NULL DEFAULT '{}',
  child_views jsonb NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX placement_request_child_idx ON placement_request (child_id);
CREATE INDEX placement_request_status_idx ON placement_request (status);

-- Every change of a request's status, with who, when and why.
CREATE TABLE placement_request_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES placement_request(id) ON DELETE CASCADE,
  status text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  by_user_id uuid REFERENCES app_user(id),
  note text NOT NULL DEFAULT ''
);
CREATE INDEX placement_request_status_request_idx ON placement_request_status (request_id, at);

-- A household considered for a request, then proposed, then confirmed (or withdrawn).
CREATE TABLE placement_proposal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id uuid NOT NULL REFERENCES placement_request(id) ON DELETE CASCADE,
  household_id uuid NOT NULL REFERENCES household(id),
  status text NOT NULL DEFAULT 'considering' CHECK (status IN ('considering', 'proposed', 'confirmed', 'withdrawn')),
  proposed_start date,
  proposed_by uuid REFERENCES app_user(id),
  proposed_at timestamptz,
  confirmed_by uuid REFERENCES app_user(id),
  confirmed_at timestamptz,
  placement_id uuid REFERENCES placement(id),
  override_by uuid REFERENCES app_user(id),
  override_at timestamptz,
  override_reason text,
  withdrawn_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX placement_proposal_request_idx ON placement_proposal (request_id);
CREATE INDEX placement_proposal_household_idx ON placement_proposal (household_id);

-- Concurrent placement agreement procedure, first paragraphs: the placement officer and the supervising social worker each record
-- whether the new placement serves the well-being and best interests of each child already there.
CREATE TABLE proposal_consideration (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id uuid NOT NULL REFERENCES placement_proposal(id) ON DELETE CASCADE,
  existing_child_id uuid NOT NULL REFERENCES child(id),
  role text NOT NULL CHECK (role IN ('placement_officer', 'supervising_social_worker')),
  user_id uuid NOT NULL REFERENCES app_user(id),
  serves_wellbeing boolean NOT NULL,
  reasoning text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (proposal_id, existing_child_id, role)
);

-- Concurrent placement agreement procedure: one written agreement needed from the social worker of each child already placed.
CREATE TABLE agreement_requirement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proposal_id uuid NOT NULL REFERENCES placement_proposal(id) ON DELETE CASCADE,
  existing_child_id uuid NOT NULL REFERENCES child(id),
  existing_placement_id uuid NOT NULL REFERENCES placement(id),
  placing_authority_id uuid NOT NULL REFERENCES organisation(id),
  social_worker_user_id uuid REFERENCES app_user(id),
  social_worker_contact_id uuid REFERENCES external_contact(id),
  status text NOT NULL DEFAULT 'not_requested' CHECK (status IN ('not_requested', 'requested', 'agreed', 'declined')),
  requested_at timestamptz,
  requested_by uuid REFERENCES app_user(id),
  reminders_sent integer NOT NULL DEFAULT 0,
  last_reminder_at timestamptz,
  escalated_at timestamptz,
  method text CHECK (method IN ('letter_or_email', 'secure_link', 'open_agreement')),
  responded_on date,
  responder_name text,
  responder_role text,
  comments text,
  document_id uuid,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (proposal_id, existing_child_id)
);

-- Single-purpose links e-mailed to another authority's social worker to agree or decline.
CREATE TABLE agreement_link (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  requirement_id uuid NOT NULL REFERENCES agreement_requirement(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  summary text NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Every e-mail Hearth sends: over SMTP when configured, otherwise kept here for the outbox page.
CREATE TABLE outbound_email (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_addresses text[] NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  related_type text,
  related_id uuid,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  transport text NOT NULL CHECK (transport IN ('smtp', 'outbox')),
  error text
);
CREATE INDEX outbound_email_created_idx ON outbound_email (created_at DESC);

-- The carers' file: documents kept on a household's record (Concurrent placement agreement procedure: all correspondence about
-- concurrency is saved there).
CREATE TABLE household_document (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  category text NOT NULL CHECK (category IN ('concurrency', 'approval', 'review', 'other')),
  title text NOT NULL,
  file_name text NOT NULL,
  content_type text NOT NULL,
  size_bytes integer NOT NULL,
  content bytea NOT NULL,
  related_type text,
  related_id uuid,
  created_by uuid REFERENCES app_user(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX household_document_household_idx ON household_document (household_id, created_at DESC);
