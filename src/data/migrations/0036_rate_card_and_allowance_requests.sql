-- Money (Parent and child fostering procedure, 8.1–8.5): the fostering rate card, dated and kept
-- with its history, and the requests to the child-care team to fund the allowance of a child
-- placed who is not in care.
--
-- A rate card is never changed once entered: a new card with a later effective date supersedes it
-- from that day (the service refuses an earlier or equal date), so the rates of any past week can
-- be read again. Amounts are whole pence a week.

CREATE TABLE rate_card (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  effective_from date NOT NULL UNIQUE,
  note text,
  created_by uuid REFERENCES app_user(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The all-inclusive allowance by age band (whole years on the day; to_age NULL: and over).
CREATE TABLE rate_card_allowance (
  rate_card_id uuid NOT NULL REFERENCES rate_card(id) ON DELETE CASCADE,
  from_age integer NOT NULL CHECK (from_age >= 0),
  to_age integer CHECK (to_age IS NULL OR to_age >= from_age),
  weekly_pence integer NOT NULL CHECK (weekly_pence >= 0),
  PRIMARY KEY (rate_card_id, from_age)
);

-- The carers' skills fee by skill level.
CREATE TABLE rate_card_skills_fee (
  rate_card_id uuid NOT NULL REFERENCES rate_card(id) ON DELETE CASCADE,
  level integer NOT NULL CHECK (level BETWEEN 1 AND 9),
  weekly_pence integer NOT NULL CHECK (weekly_pence >= 0),
  PRIMARY KEY (rate_card_id, level)
);

-- A request to the child-care team to fund the allowance of a child placed in a parent-and-child
-- arrangement who is not in care (procedure, 8.5): when asked and of whom, then the answer, when,
-- by whom, and the budget code the allowance is paid from.
CREATE TABLE allowance_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  arrangement_id uuid NOT NULL REFERENCES parent_child_arrangement(id) ON DELETE CASCADE,
  arrangement_person_id uuid NOT NULL UNIQUE REFERENCES parent_child_arrangement_person(id) ON DELETE CASCADE,
  requested_on date NOT NULL,
  requested_of text NOT NULL CHECK (length(btrim(requested_of)) > 0),
  request_note text NOT NULL DEFAULT '',
  requested_by uuid REFERENCES app_user(id),
  requested_by_name text NOT NULL,
  answer text CHECK (answer IN ('agreed', 'refused')),
  answered_on date,
  answered_by_name text,
  budget_code text,
  answer_note text NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((answer IS NULL) = (answered_on IS NULL)),
  CHECK (answer IS DISTINCT FROM 'agreed' OR length(btrim(coalesce(budget_code, ''))) > 0),
  CHECK (answered_on IS NULL OR answered_on >= requested_on)
);
CREATE INDEX allowance_request_arrangement_idx ON allowance_request (arrangement_id);
