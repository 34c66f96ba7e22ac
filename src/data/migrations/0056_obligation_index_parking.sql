-- A full rebuild (`npm run obligations:rebuild`) writes millions of stored obligations into an empty
-- table: keeping seven indexes up to date row by row cost the database more than building them
-- afterwards. The rebuild drops every index of `obligation` but the one by source (which finding a
-- source's rows needs), keeping each definition here as the catalogue gave it, and creates them again
-- when it ends. A rebuild stopped half way leaves them here, and the next start of the server (or
-- the next rebuild) creates them again. An ordinary, logged table: it must survive a crash.
CREATE TABLE obligation_index_parked (
  name text PRIMARY KEY,
  definition text NOT NULL,
  parked_at timestamptz NOT NULL DEFAULT now()
);
