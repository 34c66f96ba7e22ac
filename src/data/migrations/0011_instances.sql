-- Several Hearth processes on one PostgreSQL database, behaving as one service.

-- Who is sending an SMTP message. A delivery claims a message here in a short transaction, sends it
-- with no transaction open, then marks outbound_email sent or failed. While lease_until is in the
-- future no other process takes the message; a process that stopped before marking it leaves a
-- lease that runs out, and the message is then sent again (at least once, never lost). After the
-- send the row stays as the record of which process sent it.
CREATE TABLE outbound_email_claim (
  email_id uuid PRIMARY KEY REFERENCES outbound_email(id) ON DELETE CASCADE,
  claim_id uuid NOT NULL,
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz NOT NULL
);

-- Counters of @fastify/rate-limit (sign-in attempts, secure agreement links), shared by every
-- process. The key is a SHA-256 digest of the route and the limiter's key (an address and an
-- account), so no address or e-mail is kept in the clear. Rows whose window has ended are swept.
CREATE TABLE rate_limit_counter (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  window_ends_at timestamptz NOT NULL
);
CREATE INDEX rate_limit_counter_window_idx ON rate_limit_counter (window_ends_at);
