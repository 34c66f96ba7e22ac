-- Concurrent placement agreements, who gives them and who hears back (the
-- procedure "Concurrent Placement Agreement").

-- An in-principle ("open") agreement: given once, by the social worker of a child in a long-term
-- placement, to other children being placed with the same carers. It stands while that placement is
-- live and it has not been withdrawn; each later proposal records when the social worker was told of
-- it and whether they asked for specific consent (agreement_requirement.informed_on and
-- specific_consent_asked).
CREATE TABLE open_agreement (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  existing_placement_id uuid NOT NULL REFERENCES placement(id) ON DELETE CASCADE,
  existing_child_id uuid NOT NULL REFERENCES child(id),
  household_id uuid NOT NULL REFERENCES household(id),
  given_on date NOT NULL,
  given_by_name text NOT NULL,
  given_by_role text NOT NULL,
  -- Why someone other than the child's recorded social worker gave it (null when it was them).
  on_behalf_reason text,
  -- The correspondence, filed on the carers' file.
  document_id uuid REFERENCES household_document(id),
  recorded_by uuid REFERENCES app_user(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_on date,
  withdrawn_reason text,
  withdrawn_by uuid REFERENCES app_user(id),
  version integer NOT NULL DEFAULT 1,
  CHECK ((withdrawn_on IS NULL) = (withdrawn_reason IS NULL))
);
-- Recorded once on the existing placement: at most one standing (not withdrawn) at a time.
CREATE UNIQUE INDEX open_agreement_standing_idx ON open_agreement (existing_placement_id) WHERE withdrawn_on IS NULL;

ALTER TABLE agreement_requirement
  -- Why someone other than the recorded social worker answered (null when it was them).
  ADD COLUMN on_behalf_reason text,
  -- An in-principle agreement used for this proposal, the day the social worker was told of this
  -- proposal, and whether they asked to give specific consent to it.
  ADD COLUMN open_agreement_id uuid REFERENCES open_agreement(id),
  ADD COLUMN informed_on date,
  ADD COLUMN specific_consent_asked boolean,
  ADD COLUMN notice_sent_at timestamptz,
  -- When the answer (agreed or declined) reached Hearth, and when a placement officer marked it seen.
  ADD COLUMN answered_at timestamptz,
  ADD COLUMN answer_seen_at timestamptz,
  ADD COLUMN answer_seen_by uuid REFERENCES app_user(id);
CREATE INDEX agreement_requirement_unseen_idx ON agreement_requirement (answered_at) WHERE answered_at IS NOT NULL AND answer_seen_at IS NULL;

-- An e-mail carrying a secret (a secure agreement link) keeps two texts: body_text with the secret
-- masked, which the outbox shows, and body_secret, the text as sent, which only the mail sender and
-- the message's own recipients see.
ALTER TABLE outbound_email ADD COLUMN body_secret text;
UPDATE outbound_email
   SET body_secret = body_text,
       body_text = regexp_replace(body_text, '/agreement/[A-Za-z0-9_-]{20,}', '/agreement/[link hidden: only its recipient can see it]', 'g')
 WHERE body_text ~ '/agreement/[A-Za-z0-9_-]{20,}';
