-- Sufficiency (Parent and child fostering procedure, 6.1–6.3): when matching finds no Level 4
-- household of the authority's own for a parent-and-child request, the placement officer records
-- that, and the search outside the area: each agency or other authority asked, when, and its answer.

CREATE TABLE sufficiency_search (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_request_id uuid NOT NULL UNIQUE REFERENCES placement_request(id) ON DELETE CASCADE,
  -- The day the placement officer found no suitable household in the area, and what matching showed.
  none_in_area_on date NOT NULL,
  in_area_level4_households integer NOT NULL CHECK (in_area_level4_households >= 0),
  in_area_eligible_households integer NOT NULL CHECK (in_area_eligible_households >= 0),
  why_none_suitable text NOT NULL CHECK (length(btrim(why_none_suitable)) > 0),
  outcome text NOT NULL DEFAULT 'searching' CHECK (outcome IN ('searching', 'found_outside', 'none_found')),
  outcome_on date,
  found_organisation_id uuid REFERENCES organisation(id),
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((outcome = 'searching') = (outcome_on IS NULL)),
  CHECK (outcome = 'found_outside' OR found_organisation_id IS NULL)
);

CREATE TABLE sufficiency_enquiry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  search_id uuid NOT NULL REFERENCES sufficiency_search(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisation(id),
  asked_on date NOT NULL,
  answer text NOT NULL DEFAULT 'awaiting' CHECK (answer IN ('awaiting', 'offered', 'no_vacancy', 'declined')),
  answered_on date,
  answer_detail text NOT NULL DEFAULT '',
  recorded_by_name text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer = 'awaiting') = (answered_on IS NULL)),
  CHECK (answered_on IS NULL OR answered_on >= asked_on)
);
CREATE INDEX sufficiency_enquiry_search_idx ON sufficiency_enquiry (search_id);
