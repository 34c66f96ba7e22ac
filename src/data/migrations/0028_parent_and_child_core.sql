-- Parent and child fostering: birth family as people, and one arrangement placing parent(s) and
-- child(ren) together with one household (Parent and child fostering procedure, 2 and 3).
--
-- A family member is a person of their own, linked to each child they are family of (reused across
-- siblings). The links carry the relationship, which is the child's view of the person ("mother").
-- child.family_members (migration 0008) is copied here, one person per entry and child; it is kept
-- for now and removed once every reader uses these tables.

CREATE TABLE family_member (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(btrim(name)) > 0),
  date_of_birth date,
  phone text,
  email text,
  address text,
  postcode text,
  -- When the person is themselves a child in care held in Hearth: their own record.
  looked_after_child_id uuid REFERENCES child(id) ON DELETE SET NULL,
  -- When looked after by another authority (or Hearth does not hold their record): by whom.
  looked_after_by text,
  -- A learning disability or other reason they need an advocate to take part (procedure, 4.3).
  advocacy_need text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX family_member_looked_after_idx ON family_member (looked_after_child_id) WHERE looked_after_child_id IS NOT NULL;

CREATE TABLE child_family_member (
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  family_member_id uuid NOT NULL REFERENCES family_member(id) ON DELETE CASCADE,
  relationship text NOT NULL CHECK (length(btrim(relationship)) > 0),
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (child_id, family_member_id)
);
CREATE INDEX child_family_member_person_idx ON child_family_member (family_member_id);

-- Copy the names held on each child (one person per entry; siblings' shared parents are joined by a person later).
DO $$
DECLARE r record; fid uuid;
BEGIN
  FOR r IN
    SELECT c.id AS child_id, e.value->>'name' AS name, e.value->>'relationship' AS relationship, e.ordinality AS pos
    FROM child c, jsonb_array_elements(c.family_members) WITH ORDINALITY e
    WHERE length(btrim(coalesce(e.value->>'name', ''))) > 0
  LOOP
    INSERT INTO family_member (name) VALUES (r.name) RETURNING id INTO fid;
    INSERT INTO child_family_member (child_id, family_member_id, relationship, position)
    VALUES (r.child_id, fid, coalesce(nullif(btrim(r.relationship), ''), 'relative'), r.pos - 1);
  END LOOP;
END $$;

-- One parent-and-child arrangement: the people placed together, the household, and the legal scenario
-- (procedure, 2.1 both in care; 2.2 the parent in care, the child placed with them; 2.3 only the
-- child in care, the parent part of the fostering household) with its required rationale (2.4).
CREATE TABLE parent_child_arrangement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference text NOT NULL UNIQUE,
  household_id uuid NOT NULL REFERENCES household(id),
  placement_request_id uuid REFERENCES placement_request(id),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'ended', 'cancelled')),
  start_date date,
  end_date date,
  legal_scenario text NOT NULL CHECK (legal_scenario IN ('both_in_care', 'parent_in_care', 'child_in_care')),
  scenario_rationale text NOT NULL CHECK (length(btrim(scenario_rationale)) > 0),
  -- 2.3 with a parent under 18: the day they were assessed as not a child in need in their own right.
  parent_not_cin_assessed_on date,
  -- How the need arose (procedure, 3.1 and 3.2).
  need_arose text NOT NULL CHECK (need_arose IN ('pre_birth_assessment', 'child_protection_conference', 'court_order', 'older_child')),
  need_arose_on date NOT NULL,
  need_document_id uuid,
  need_reason text NOT NULL DEFAULT '',
  created_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
);
CREATE INDEX parent_child_arrangement_household_idx ON parent_child_arrangement (household_id);

-- Each person placed: a parent or a child, either a child record held in Hearth (in care or not)
-- or a family member who is not; in care or not on the day it was recorded; and, when in care,
-- their own placement with the household (each keeps their own legal status and obligations).
CREATE TABLE parent_child_arrangement_person (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('parent', 'child')),
  child_id uuid REFERENCES child(id),
  family_member_id uuid REFERENCES family_member(id),
  in_care boolean NOT NULL,
  placement_id uuid REFERENCES placement(id),
  position integer NOT NULL DEFAULT 0,
  CHECK ((child_id IS NULL) <> (family_member_id IS NULL)),
  CHECK (placement_id IS NULL OR child_id IS NOT NULL)
);
CREATE INDEX parent_child_arrangement_person_arrangement_idx ON parent_child_arrangement_person (arrangement_id);
CREATE INDEX parent_child_arrangement_person_child_idx ON parent_child_arrangement_person (child_id) WHERE child_id IS NOT NULL;
CREATE UNIQUE INDEX parent_child_arrangement_person_placement_idx ON parent_child_arrangement_person (placement_id) WHERE placement_id IS NOT NULL;
