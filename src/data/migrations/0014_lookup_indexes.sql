-- Found by `npm run bench:http` at 100,000 children in care: two lookups that read a whole table on
-- every child's page.
-- The SSDA903 checks on a child's page find the home authority (the one responsible for most
-- children): counted from an index rather than the child table.
CREATE INDEX child_responsible_authority_idx ON child (responsible_authority_id);
-- A child's siblings are found in either direction; the primary key serves only the first.
CREATE INDEX sibling_link_sibling_idx ON sibling_link (sibling_id);
