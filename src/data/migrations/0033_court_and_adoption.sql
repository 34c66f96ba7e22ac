-- Concurrent planning: the court proceedings for the child, the court's decision and what follows
-- it, and the arrangements for future contact after adoption (Concurrent planning guide,
-- "Concurrent Planning": "a child … is looked after by carers who are dually approved as both
-- foster carers and adopters, whilst their future is decided by the court").
--
-- The proceedings: the application, the interim care order, the hearings and the final decision.
-- A return home ends the placement and the period of care (SSDA903 REC E4A); a placement order
-- (legal status E1) is followed by the day the placement became an adoptive placement (PLACE A5,
-- the fostering allowance stops and adoption support starts that day), and the adoption order ends
-- the period of care (REC E11 or E12). The legal statuses, placements and care ending themselves
-- are the existing records; these columns hold what only the proceedings know.
CREATE TABLE court_proceedings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  court text NOT NULL,
  case_number text NOT NULL,
  applied_on date NOT NULL,
  interim_care_order_on date,
  final_hearing_on date,
  decision text CHECK (decision IN ('return_home', 'placement_order', 'other')),
  decided_on date,
  decision_notes text NOT NULL DEFAULT '',
  -- Return home: the day the child went home, and the carers' continuing contact where agreed.
  returned_home_on date,
  carers_contact_agreed boolean,
  carers_contact_plan text NOT NULL DEFAULT '',
  -- Placement order, then adoption.
  -- The agency decision-maker's decision that the child should be placed for adoption (SSDA903
  -- PlacedAdoption DATE_PLACED, AD1 DATE_INT).
  should_be_placed_on date,
  placed_for_adoption_on date,
  adoptive_placement_id uuid REFERENCES placement(id),
  allowance_stopped_on date,
  adoption_support_from date,
  matched_on date,
  adoption_order_on date,
  adoption_reason text CHECK (adoption_reason IN ('E11', 'E12')),
  adopters_count integer CHECK (adopters_count IN (1, 2)),
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK ((decision IS NULL) = (decided_on IS NULL))
);
-- One set of proceedings open per child at a time (a later set may follow a decided one).
CREATE UNIQUE INDEX court_proceedings_open_idx ON court_proceedings (child_id) WHERE decision IS NULL;
CREATE INDEX court_proceedings_child_idx ON court_proceedings (child_id);

CREATE TABLE court_hearing (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  proceedings_id uuid NOT NULL REFERENCES court_proceedings(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  heard_on date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('case_management', 'interim', 'issues_resolution', 'final', 'other')),
  outcome text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX court_hearing_proceedings_idx ON court_hearing (proceedings_id, heard_on);

-- After adoption: the agreed arrangements for future contact with the birth family. The birth
-- family's details and the adopters' details are kept apart, in two tables, each read by the
-- service only for the roles that need it (docs/rules/future-contact-after-adoption.md).
CREATE TABLE future_contact (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('letterbox', 'direct')),
  frequency text NOT NULL,
  arrangements text NOT NULL,
  agreed_on date NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX future_contact_child_idx ON future_contact (child_id);

CREATE TABLE future_contact_party (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  future_contact_id uuid NOT NULL REFERENCES future_contact(id) ON DELETE CASCADE,
  side text NOT NULL CHECK (side IN ('birth_family', 'adopters')),
  names text NOT NULL,
  contact_details text NOT NULL,
  UNIQUE (future_contact_id, side)
);
