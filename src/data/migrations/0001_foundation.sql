-- Hearth foundation: organisations, staff, children, households, placements, contacts,
-- sessions, API tokens and the append-only audit log.

CREATE TABLE organisation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('local_authority', 'fostering_agency')),
  name text NOT NULL,
  la_code char(3) UNIQUE CHECK (la_code ~ '^[0-9]{3}$'),
  ofsted_urn text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'local_authority') = (la_code IS NOT NULL))
);

CREATE TABLE team (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  name text NOT NULL,
  UNIQUE (organisation_id, name)
);

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  team_id uuid REFERENCES team(id),
  line_manager_id uuid REFERENCES app_user(id),
  email text NOT NULL,
  full_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('placement_officer', 'social_worker', 'supervising_social_worker', 'team_manager', 'head_of_service', 'iro', 'administrator')),
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email));
CREATE INDEX app_user_team_idx ON app_user (team_id);

CREATE TABLE user_session (
  sid text PRIMARY KEY,
  data jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX user_session_expires_idx ON user_session (expires_at);

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  token_prefix text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

CREATE TABLE external_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  full_name text NOT NULL,
  role text NOT NULL,
  organisation_id uuid REFERENCES organisation(id),
  organisation_name text NOT NULL,
  email text,
  phone text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE child (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date NOT NULL,
  sex char(1) NOT NULL CHECK (sex IN ('M', 'F', 'U')),
  ethnicity text NOT NULL,
  upn text NOT NULL,
  responsible_authority_id uuid NOT NULL REFERENCES organisation(id),
  social_worker_id uuid REFERENCES app_user(id),
  external_social_worker_id uuid REFERENCES external_contact(id),
  category_of_need char(2) NOT NULL CHECK (category_of_need ~ '^N[1-8]$'),
  home_postcode text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX child_name_idx ON child (lower(last_name), lower(first_name));
CREATE INDEX child_sw_idx ON child (social_worker_id);

CREATE TABLE legal_status (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  code text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX legal_status_child_idx ON legal_status (child_id, start_date);

CREATE TABLE sibling_link (
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  sibling_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  PRIMARY KEY (child_id, sibling_id),
  CHECK (child_id < sibling_id)
);

CREATE TABLE household (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  address_line1 text NOT NULL,
  address_line2 text,
  town text NOT NULL,
  postcode text NOT NULL,
  fostering_service_id uuid NOT NULL REFERENCES organisation(id),
  supervising_social_worker_id uuid REFERENCES app_user(id),
  approval_status text NOT NULL CHECK (approval_status IN ('in_assessment', 'approved', 'on_hold', 'deregistered')),
  approval_date date,
  approved_children integer NOT NULL DEFAULT 1 CHECK (approved_children BETWEEN 0 AND 10),
  age_min integer NOT NULL DEFAULT 0 CHECK (age_min BETWEEN 0 AND 25),
  age_max integer NOT NULL DEFAULT 17 CHECK (age_max BETWEEN 0 AND 25),
  placement_kinds text[] NOT NULL DEFAULT '{}',
  skill_level integer NOT NULL DEFAULT 1 CHECK (skill_level BETWEEN 1 AND 4),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (age_min <= age_max)
);
CREATE INDEX household_ssw_idx ON household (supervising_social_worker_id);

CREATE TABLE household_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('carer', 'carer_child', 'other_child', 'other_adult')),
  first_name text NOT NULL,
  last_name text NOT NULL,
  date_of_birth date,
  position integer NOT NULL DEFAULT 0
);
CREATE INDEX household_member_household_idx ON household_member (household_id);

CREATE TABLE fostering_limit_exemption (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  household_id uuid NOT NULL REFERENCES household(id) ON DELETE CASCADE,
  granting_authority_id uuid NOT NULL REFERENCES organisation(id),
  conditions text NOT NULL DEFAULT '',
  start_date date NOT NULL,
  end_date date,
  child_ids uuid[] NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK (cardinality(child_ids) > 0)
);

CREATE TABLE placement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id),
  household_id uuid NOT NULL REFERENCES household(id),
  start_date date NOT NULL,
  end_date date,
  placement_type text NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'active', 'ended', 'cancelled')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX placement_child_idx ON placement (child_id, start_date);
CREATE INDEX placement_household_idx ON placement (household_id) WHERE status IN ('planned', 'active');

-- Append-only audit log: who did or saw what, when.
CREATE TABLE audit_event (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_label text NOT NULL,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  correlation_id text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_subject_idx ON audit_event (subject_type, subject_id, at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, at DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
