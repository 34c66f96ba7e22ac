-- Found by `npm run bench:http` at national scale: My work and a team's compliance dashboard look up
-- a person's or team's obligations by child and household and then keep only the open ones (or the
-- overdue): about 16,000 rows read for the largest team to show a few dozen. These indexes hold only
-- the open rows (the predicate of obligation_open_order_idx), so those lookups read just them.
CREATE INDEX IF NOT EXISTS obligation_child_open_idx ON obligation (child_id)
  WHERE not_applicable_reason IS NULL AND missed_reason IS NULL AND completed_on IS NULL;
CREATE INDEX IF NOT EXISTS obligation_household_open_idx ON obligation (household_id)
  WHERE not_applicable_reason IS NULL AND missed_reason IS NULL AND completed_on IS NULL;
