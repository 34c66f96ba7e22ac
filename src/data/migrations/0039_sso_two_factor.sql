-- Single sign-on and two-factor sign-in (docs/adr/0013-single-sign-on-and-two-factor.md).
-- oidc_subject: the identity provider's subject ("sub") for a member of staff, recorded the first time
-- they sign in through OpenID Connect and matched on afterwards; one staff record per subject.
-- totp_secret: the TOTP secret, encrypted (AES-256-GCM under a key derived from the session secret);
-- totp_enabled_at: when it was confirmed; totp_last_step: the last 30-second step a code was accepted
-- for, so that a code is never accepted twice.
ALTER TABLE app_user ADD COLUMN oidc_subject text;
CREATE UNIQUE INDEX app_user_oidc_subject_key ON app_user (oidc_subject) WHERE oidc_subject IS NOT NULL;
ALTER TABLE app_user ADD COLUMN totp_secret text;
ALTER TABLE app_user ADD COLUMN totp_enabled_at timestamptz;
ALTER TABLE app_user ADD COLUMN totp_last_step bigint;
ALTER TABLE app_user ADD CONSTRAINT app_user_totp_check CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL));
