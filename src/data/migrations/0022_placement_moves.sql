-- Placement moves (Placement stability guidance, "Placements are ended in a planned way unless there
-- are immediate safeguarding concerns"): "A placement move can only be agreed through HARP or via the
-- relevant Head of Service"; "An urgent placement move should only be requested if there is an
-- immediate safeguarding issue". A move request is about the placement the child would leave; once
-- agreed (or, for an urgent move, authorised by a head of service) it lets that placement end early
-- and a new placement for the child be confirmed. The gate is src/domain/placements/moves.ts.

CREATE TABLE move_request (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  child_id uuid NOT NULL REFERENCES child(id) ON DELETE CASCADE,
  urgent boolean NOT NULL DEFAULT false,
  reason text NOT NULL,
  support_tried text NOT NULL,
  -- The Virtual School's advice (required): who gave it and what it was.
  virtual_school_advice_from text NOT NULL,
  virtual_school_advice text NOT NULL,
  alternatives_considered text NOT NULL,
  -- How and when the child will be told, and who confirmed that plan (null: not yet confirmed).
  telling_plan text NOT NULL,
  telling_confirmed_by_sw text,
  telling_confirmed_by_ssw text,
  telling_confirmed_by_carers text,
  -- An urgent move: the immediate safeguarding issue, and the alternative placement options, each
  -- [{ option, suitable, why }].
  safeguarding_issue text,
  alternative_options jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'agreed', 'declined', 'withdrawn')),
  decided_through text CHECK (decided_through IN ('harp_panel', 'head_of_service')),
  panel_date date,
  panel_chair text,
  decision_reason text,
  decided_by uuid REFERENCES app_user(id),
  decided_by_name text,
  decided_at timestamptz,
  requested_by uuid REFERENCES app_user(id),
  requested_by_name text NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1,
  CHECK (NOT urgent OR safeguarding_issue IS NOT NULL),
  CHECK (status IN ('requested', 'withdrawn') OR (decided_through IS NOT NULL AND decided_at IS NOT NULL))
);
-- One open (requested or agreed) request per placement.
CREATE UNIQUE INDEX move_request_open_idx ON move_request (placement_id) WHERE status IN ('requested', 'agreed');
CREATE INDEX move_request_child_idx ON move_request (child_id, requested_at DESC);

-- How each ending was allowed: a planned end in the care plan, the child leaving care, an agreed or
-- an urgent move, a temporary placement's return, or a change in the placement's status only.
ALTER TABLE placement ADD COLUMN ending_basis text CHECK (ending_basis IN ('care_plan', 'leaving_care', 'agreed_move', 'urgent_move', 'temporary', 'status_change'));
-- Deferred: a loader may write the placements before the requests about them (they refer to each other).
ALTER TABLE placement ADD COLUMN move_request_id uuid REFERENCES move_request(id) DEFERRABLE INITIALLY DEFERRED;
