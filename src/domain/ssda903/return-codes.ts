/**
 * SSDA903 code lists for the fields of the return, and which codes are valid in which collection
 * year, as data (rules.md §3.3–3.9 and §3.11; DfE SSDA903 guides; the validator rules cited in
 * docs/rules/ssda903-validation.md). Legal status, category of need and ethnicity are in codes.ts.
 *
 * A code with no `from`/`until` is valid in every year. `from` and `until` are collection-year
 * labels ("2024-25") and both ends are inclusive.
 */
import type { CollectionYear } from './return-types.ts';

export type YearRange = { from?: string; until?: string };
export type CodeInfo = { label: string } & YearRange;
export type CodeList = Readonly<Record<string, CodeInfo>>;

/** 2024 for "2024-25" (or for the collection year 1 April 2024 to 31 March 2025). */
export function firstYearOf(year: CollectionYear | string): number {
  const label = typeof year === 'string' ? year : year.label;
  return Number(label.slice(0, 4));
}

/** Whether a year range covers the collection year. */
export function inYears(range: YearRange, year: CollectionYear | string): boolean {
  const y = firstYearOf(year);
  if (range.from !== undefined && y < firstYearOf(range.from)) return false;
  if (range.until !== undefined && y > firstYearOf(range.until)) return false;
  return true;
}

/** The codes of a list that are valid in the collection year, in the list's order. */
export function codesValidIn(list: CodeList, year: CollectionYear | string): string[] {
  return Object.entries(list)
    .filter(([, info]) => inYears(info, year))
    .map(([code]) => code);
}

export function isCodeValidIn(list: CodeList, code: string | null | undefined, year: CollectionYear | string): boolean {
  if (code === null || code === undefined) return false;
  return validCodes(list, typeof year === 'string' ? year : year.label).has(code);
}

/** The codes of each list valid in each year, worked out once: the checks ask for every row of a return. */
const validByYear = new WeakMap<CodeList, Map<string, ReadonlySet<string>>>();
function validCodes(list: CodeList, label: string): ReadonlySet<string> {
  let years = validByYear.get(list);
  if (!years) validByYear.set(list, (years = new Map()));
  let codes = years.get(label);
  if (!codes) years.set(label, (codes = new Set(Object.keys(list).filter((code) => inYears(list[code] as CodeInfo, label)))));
  return codes;
}

/** Header SEX: 1/2 to 2023-24; M/F/U from 2024-25 (rule 101; U gives warning 232). */
export const SEX_BY_YEAR: CodeList = {
  '1': { label: 'Male', until: '2023-24' },
  '2': { label: 'Female', until: '2023-24' },
  M: { label: 'Male', from: '2024-25' },
  F: { label: 'Female', from: '2024-25' },
  U: { label: 'Unknown or indeterminate', from: '2024-25' },
};

/** RNE: reason for new episode (rules.md §3.6). */
export const RNE_CODES: CodeList = {
  S: { label: 'Started to be looked after' },
  L: { label: 'Change of legal status only' },
  P: { label: 'Change of placement and carer(s) only' },
  T: { label: 'Change of placement only, same carer(s)' },
  B: { label: 'Change of legal status and placement and carer(s) at the same time' },
  U: { label: 'Change of legal status and placement at the same time, same carer(s)' },
};

/** PLACE: placement type, with the years each code is valid (rules.md §3.7 and §3.11). */
export const PLACE_CODES: CodeList = {
  A3: { label: 'Placed for adoption with consent (s19 ACA 2002) with current foster carer(s)' },
  A4: { label: 'Placed for adoption with consent (s19 ACA 2002) not with current foster carer(s)' },
  A5: { label: 'Placed for adoption under a placement order (s21 ACA 2002) with current foster carer(s)' },
  A6: { label: 'Placed for adoption under a placement order (s21 ACA 2002) not with current foster carer(s)' },
  H5: { label: 'Semi-independent living accommodation not subject to children’s homes regulations', until: '2023-24' },
  K1: { label: 'Secure children’s home' },
  K2: { label: 'Children’s home subject to the Children’s Homes Regulations' },
  K3: { label: 'Supported accommodation under the Supported Accommodation (England) Regulations 2023', from: '2024-25' },
  P1: { label: 'Placed with own parent(s) or other person(s) with parental responsibility' },
  P2: { label: 'Independent living, for example in a flat, lodgings, bedsit, B&B or with friends', until: '2023-24' },
  P3: { label: 'Residential employment' },
  R1: { label: 'Residential care home' },
  R2: { label: 'NHS or health trust or other establishment providing medical or nursing care' },
  R3: { label: 'Family centre or mother and baby unit' },
  R5: { label: 'Young offender institution or prison' },
  S1: { label: 'Residential school, unless dual-registered as a children’s home' },
  T0: { label: 'Temporary move: all types of temporary move' },
  T1: { label: 'Temporary period in hospital' },
  T2: { label: 'Temporary absence of the child on holiday' },
  T3: { label: 'Temporary accommodation while the normal foster carer is on holiday' },
  T4: { label: 'Temporary accommodation of seven days or less, for any other reason' },
  U1: { label: 'Foster placement with relative(s) or friend(s): long-term fostering' },
  U2: { label: 'Foster placement with relative(s) or friend(s) who is also an approved adopter: fostering for adoption or concurrent planning' },
  U3: { label: 'Foster placement with relative(s) or friend(s): not long-term or fostering for adoption or concurrent planning' },
  U4: { label: 'Foster placement with other foster carer(s): long-term fostering' },
  U5: { label: 'Foster placement with other foster carer(s) who is also an approved adopter: fostering for adoption or concurrent planning' },
  U6: { label: 'Foster placement with other foster carer(s): not long-term or fostering for adoption or concurrent planning' },
  Z1: { label: 'Other placements (listed on a schedule sent to DfE)', until: '2024-25' },
  // The 2025-26 split of Z1. The codes and years are confirmed by the DfE validation as implemented in
  // csc-validator-be-903 (lac2025_26/rule_146.py accepts Z11-Z14 and no longer Z1; rules 178 and 213
  // want no provider for them; lac2026_27/rule_709.py allows only K2, Z12 or Z13 while a DoLO is in
  // force). Their descriptions were not found in any source reachable (rules.md §3.7): the labels
  // below are placeholders until taken from the DfE 2025-26 guide.
  Z11: { label: 'Other placement (Z11; see the DfE 2025-26 guide)', from: '2025-26' },
  Z12: { label: 'Other placement (Z12; see the DfE 2025-26 guide)', from: '2025-26' },
  Z13: { label: 'Other placement (Z13; see the DfE 2025-26 guide)', from: '2025-26' },
  Z14: { label: 'Other placement (Z14; see the DfE 2025-26 guide)', from: '2025-26' },
};

/** Temporary placements: a period of care cannot start or end with one (rules 380, 381). */
export const TEMPORARY_PLACES: ReadonlySet<string> = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
/** "Other" placements (Z1, and Z11–Z14 from 2025-26). */
export const OTHER_PLACES: ReadonlySet<string> = new Set(['Z1', 'Z11', 'Z12', 'Z13', 'Z14']);
/** Placement types with no placement provider (rules 178, 213). */
export const NO_PROVIDER_PLACES: ReadonlySet<string> = new Set([...TEMPORARY_PLACES, ...OTHER_PLACES]);
/** Placement types with no Ofsted URN (rules 218, 222; H5 and P2 while they were valid). */
export const NO_URN_PLACES: ReadonlySet<string> = new Set(['H5', 'P1', 'P2', 'P3', 'R1', 'R2', 'R5', ...TEMPORARY_PLACES, ...OTHER_PLACES]);
/** The URN placeholder the DfE accepts where a placement has no URN. */
export const URN_PLACEHOLDER = 'XXXXXXX';

/** PLACE_PROVIDER (rules.md §3.9). */
export const PLACE_PROVIDER_CODES: CodeList = {
  PR0: { label: 'Parent(s) or other person(s) with parental responsibility' },
  PR1: { label: 'Own local authority, including a regional adoption agency it hosts' },
  PR2: { label: 'Other local authority, including a regional adoption agency that authority hosts' },
  PR3: { label: 'Other public provision (for example a primary care trust)' },
  PR4: { label: 'Private provision' },
  PR5: { label: 'Voluntary or third sector provision' },
};

/** REC: reason episode ceased (rules.md §3.8). */
export const REC_CODES: CodeList = {
  X1: { label: 'Episode ceases and a new one begins the same day, for any reason' },
  E11: { label: 'Adopted: application for an adoption order unopposed' },
  E12: { label: 'Adopted: consent dispensed with by the court' },
  E2: { label: 'Died' },
  E3: { label: 'Care taken over by another local authority in the UK' },
  E4A: { label: 'Returned home to live with parent(s) or other person(s) with parental responsibility, as part of the care planning process' },
  E4B: { label: 'Returned home to live with parent(s) or other person(s) with parental responsibility, not as part of the care planning process' },
  E13: { label: 'Left care to live with parent(s), relative(s) or other person(s) with no parental responsibility' },
  E41: { label: 'Residence order or child arrangements order granted' },
  E45: { label: 'Special guardianship order made to former foster carer(s) who are relatives or friends' },
  E46: { label: 'Special guardianship order made to former foster carer(s) who are not relatives or friends' },
  E47: { label: 'Special guardianship order made to carer(s), other than former foster carer(s), who are relatives or friends' },
  E48: { label: 'Special guardianship order made to carer(s), other than former foster carer(s), who are not relatives or friends' },
  E5: { label: 'Moved into independent living arrangement with formalised support (for example a hostel, foyer or Staying Close)' },
  E6: { label: 'Moved into independent living arrangement without formalised support' },
  E7: { label: 'Transferred to residential care funded by adult social care services' },
  E8: { label: 'Period of being looked after ceased for any other reason' },
  E9: { label: 'Sentenced to custody' },
  E14: { label: 'Accommodation on remand ended' },
  E15: { label: 'Age assessment determined the young person is aged 18 or over, and E5, E6 or E7 do not apply' },
  E16: { label: 'Child moved abroad' },
  E17: { label: 'Aged 18 or over and remained with current carers (including Staying Put)' },
};

/** REASON_PLACE_CHANGE (rules.md §3.9; rule 1009). */
export const REASON_PLACE_CHANGE_CODES: CodeList = {
  CARPL: { label: 'Change to or implementation of the care plan' },
  CLOSE: { label: 'Carer resigned or provision closed' },
  ALLEG: { label: 'Allegation (s47)' },
  STAND: { label: 'Standards of care concern' },
  APPRR: { label: 'Carer’s approval removed' },
  CREQB: { label: 'Carer requested an end to the placement because of the child’s behaviour' },
  CREQO: { label: 'Carer requested an end to the placement for another reason' },
  CHILD: { label: 'Child requested an end to the placement' },
  LAREQ: { label: 'Responsible or area local authority requested an end to the placement' },
  PLACE: { label: 'Change in the status of the placement only' },
  CUSTOD: { label: 'Custody arrangement' },
  OTHER: { label: 'Other reason' },
};

/** Reviews file REVIEW_CODE: how the child took part (rules.md §3.9; rule 167). */
export const REVIEW_CODES: CodeList = {
  PN0: { label: 'Child aged under 4 at the time of the review' },
  PN1: { label: 'Child attends and speaks for themself' },
  PN2: { label: 'Child attends and an advocate speaks on their behalf' },
  PN3: { label: 'Child attends and conveys their view symbolically (non-verbally)' },
  PN4: { label: 'Child attends but does not speak for themself, does not convey their view symbolically and does not ask an advocate to speak for them' },
  PN5: { label: 'Child does not attend but briefs an advocate to speak for them' },
  PN6: { label: 'Child does not attend but conveys their feelings to the review by another medium' },
  PN7: { label: 'Child does not attend nor are their views conveyed to the review' },
};

/** Missing file MISSING (rule 1006). */
export const MISSING_CODES: CodeList = {
  M: { label: 'Missing' },
  A: { label: 'Away from placement without authorisation' },
};

/**
 * SWEpisodes SW_REASON, from 2023-24. The ten codes are the ones the DfE's validation accepts
 * (data-to-insight/csc-validator-be-903 lac2023_24 and lac2024_25 rule_SW13STG1.py) and the
 * liia-tools-pipeline schema lists (ssda903_pipeline/spec/SSDA903_schema_2024.diff.yml); neither
 * gives their meanings.
 *
 * SW_REASON belongs to the episode it is on: it is why that social worker episode started (why the
 * child's social worker changed to this one), fixed when the episode starts. The validator checks the
 * reason on the current episode against the previous episode's SW_DEC (SW10STG2), asks that the first
 * episode of the year repeat the reason of last year's open episode (SW16cSTG2), and wants a
 * reason on every episode starting on or after 1 April 2023 (SW01bSTG1, SW13STG1 from 2024-25). So
 * assemble.ts gives each episode the reason Hearth recorded when the one before it ended, and the
 * first episode (or one after a gap of more than 7 days) FCONTA.
 *
 * What each code means, and how sure Hearth is:
 * - FCONTA, first contact: the one code that SW10STG2 lets an episode start away from the previous
 *   episode's end ("If the current social worker episode <SW_REASON> is not = 'FCONTA' then
 *   <SW_DECOM> of current episode must be >= (<SW_DEC>+/- 7 days) of previous episode if present",
 *   the DfE condition as quoted in lac2024_25/rule_SW10STG2.py), i.e. the reason of an episode with
 *   no social worker before it. Inferred from that condition and the code's letters.
 * - FCONTA, MANAGE, ABSENC and CHCHAN are shown with the DfE's own wording of four reasons, from its
 *   statistics of the social worker episodes in the return ("Stability measures for children looked
 *   after in England", reporting year 2024, data set "Social worker reasons for change": "First
 *   contact or re-referral", "Managing caseloads", "Absence cover or return from absence", "Child
 *   requested change from previous social worker"). The statistics name the reasons, not the codes:
 *   which code each wording belongs to is read from the code's letters.
 * - The others are Hearth's reading of each code's letters, not confirmed: the DfE's children looked
 *   after guide, which has the code table, could not be reached. Check against it before release.
 *   The table, marked verified or unverified code by code: docs/rules/ssda903-validation.md,
 *   "Social worker episode reasons".
 */
export const SW_REASON_CODES: CodeList = {
  MANAGE: { label: 'Managing caseloads', from: '2023-24' },
  FCONTA: { label: 'First contact or re-referral', from: '2023-24' },
  LEFTRL: { label: 'Social worker left the role', from: '2023-24' },
  ORGRST: { label: 'Organisational restructure', from: '2023-24' },
  TSPROC: { label: 'Transfer between teams as part of the normal process', from: '2023-24' },
  ABSENC: { label: 'Absence cover or return from absence', from: '2023-24' },
  CHCHAN: { label: 'Child requested change from previous social worker', from: '2023-24' },
  PCCHAN: { label: 'Parent or carer asked for a change', from: '2023-24' },
  SWDIED: { label: 'Social worker died', from: '2023-24' },
  OTHERS: { label: 'Other reason', from: '2023-24' },
};

/**
 * AD1 SEX_ADOPTR: the adopters' genders at the date of adoption. The codes are those the DfE's
 * validation accepts (rule 176); their meanings are the DfE's own words in rule 511's message ("MM =
 * the adopting couple are both males; FF = the adopting couple are both females; MF = The adopting
 * couple are male and female") and, for the single adopters, rule 514's ("a single adopter" is M1
 * or F1), as quoted in data-to-insight/csc-validator-be-903 lac2022_23/rule_511.py and rule_514.py.
 */
export const SEX_ADOPTR_CODES: CodeList = {
  M1: { label: 'One adopter, male' },
  F1: { label: 'One adopter, female' },
  MM: { label: 'A couple, both male' },
  FF: { label: 'A couple, both female' },
  MF: { label: 'A couple, male and female' },
};

/**
 * AD1 LS_ADOPTR: the adopters' legal status. The codes are those the DfE's validation accepts (rule
 * 177); the meanings follow from the DfE's rule messages as quoted in the validator (lac2022_23):
 * L0 is a single adopter (514), L11 a "different gender married couple" (520), L12 a married couple
 * coded MM or FF (524), L2 a "civil partnership couple" (519), L3 a couple coded MF (517) and L4 a
 * couple coded MM or FF (518). That L3 and L4 are couples who are neither married nor civil partners
 * is Hearth's reading of those rules (the DfE's guide with the code table was not seen).
 */
export const LS_ADOPTR_CODES: CodeList = {
  L0: { label: 'Single adopter' },
  L11: { label: 'Married couple, different genders' },
  L12: { label: 'Married couple, same gender' },
  L2: { label: 'Civil partners' },
  L3: { label: 'Unmarried couple, different genders' },
  L4: { label: 'Unmarried couple, same gender' },
};
