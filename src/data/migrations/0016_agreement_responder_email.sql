-- The e-mail address of whoever answered a request for agreement through its secure link: it is
-- checked against the address the request was sent to, and kept with the answer.
ALTER TABLE agreement_requirement ADD COLUMN responder_email text;
