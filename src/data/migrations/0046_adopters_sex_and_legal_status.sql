-- The adopters' genders and legal status at the date of adoption, recorded with the adoption order
-- (SSDA903 AD1 SEX_ADOPTR and LS_ADOPTR). Their codes are the DfE's (rules 176 and 177); that they
-- agree with each other and with the number of adopters is checked in the domain
-- (src/domain/ssda903/record-rules.ts, adopterProblems), on the form and in the return's checks.
-- Blank for an adoption order recorded before they were asked.
ALTER TABLE court_proceedings
  ADD COLUMN adopters_sex text CHECK (adopters_sex IN ('M1', 'F1', 'MM', 'FF', 'MF')),
  ADD COLUMN adopters_legal_status text CHECK (adopters_legal_status IN ('L0', 'L11', 'L12', 'L2', 'L3', 'L4'));
