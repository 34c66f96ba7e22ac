-- The placements list is read a page at a time, latest start first, and the placement requests list
-- most recently changed first (as the children list is read in name order: 0017). These indexes give
-- a page without sorting every row; the outbox's order has one already (outbound_email_created_idx).
CREATE INDEX IF NOT EXISTS placement_list_order_idx ON placement (start_date DESC);
CREATE INDEX IF NOT EXISTS placement_request_list_order_idx ON placement_request (updated_at DESC, reference DESC);
