-- The Virtual School (Placement stability guidance, "Early and robust escalation processes…": "Reference
-- and advice must be sought from the Virtual School when considering a placement move"): a kind of
-- organisation, whose people are its contacts (external_contact), and the consultations with it
-- recorded on a child. Consultations are not facts obligations are derived from: no trigger.

ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check CHECK (kind IN ('local_authority', 'fostering_agency', 'virtual_school'));

CREATE TABLE virtual_school_consultation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  virtual_school_id uuid NOT NULL REFERENCES organisation(id),
  -- Who was consulted: one of its contacts, or a name typed in.
  contact_id uuid REFERENCES external_contact(id),
  consulted_name text NOT NULL,
  consulted_on date NOT NULL,
  question text NOT NULL,
  advice text NOT NULL,
  recorded_by uuid REFERENCES app_user(id),
  recorded_by_name text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX virtual_school_consultation_child_idx ON virtual_school_consultation (child_id, consulted_on DESC);
