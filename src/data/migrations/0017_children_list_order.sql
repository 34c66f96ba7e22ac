-- The children list is read a page at a time in name order (lower(last name), lower(first name),
-- reference): this index gives a page without sorting every child (155,474 at national scale).
CREATE INDEX IF NOT EXISTS child_list_order_idx ON child (lower(last_name), lower(first_name), reference);
