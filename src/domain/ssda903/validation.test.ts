import { test } from 'node:test';
import assert from 'node:assert/strict';
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'node:fs';
import { collectionYear, type Ad1Row, type CollectionYear, type EpisodeRow, type HeaderRow, type MissingRow, type PlacedAdoptionRow, type Return903, type ReviewRow, type SwEpisodeRow, type UascRow } from './return-types.ts';
import { RULES, rulesFor, validateChild, validateReturn, type ChildRows903, type RuleDefinition } from './validation.ts';
import * as R from './validation-rules.ts';
import { buildContext, indexChildRows, ruleApplies } from './validation-engine.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures: one clean child, looked after from 1 May 2025 in a foster placement, in 2025-26.
// ---------------------------------------------------------------------------------------------

const year = (label: string): CollectionYear => collectionYear(label) as CollectionYear;
const Y2526 = year('2025-26');
const DOB = '2012-05-10';

const header = (over: Partial<HeaderRow> = {}): HeaderRow => ({ CHILD: 'C1', SEX: 'F', DOB, ETHNIC: 'WBRI', UPN: 'A123456789012', MOTHER: null, MC_DOB: null, ...over });
const ep = (over: Partial<EpisodeRow> = {}): EpisodeRow => ({
  CHILD: 'C1',
  DECOM: '2025-05-01',
  RNE: 'S',
  LS: 'C2',
  CIN: 'N1',
  PLACE: 'U4',
  PLACE_PROVIDER: 'PR1',
  DEC: null,
  REC: null,
  REASON_PLACE_CHANGE: null,
  HOME_POST: 'NE1 4ST',
  PL_POST: 'NE3 1AB',
  URN: 'SC123456',
  ...over,
});
const sw = (over: Partial<SwEpisodeRow> = {}): SwEpisodeRow => ({ CHILD: 'C1', DOB, SW_ID: 'SW123456', SW_DECOM: '2025-05-01', SW_DEC: null, SW_REASON: 'FCONTA', ...over });
const review = (over: Partial<ReviewRow> = {}): ReviewRow => ({ CHILD: 'C1', DOB, REVIEW: '2025-05-20', REVIEW_CODE: 'PN1', ...over });
const uascRow = (over: Partial<UascRow> = {}): UascRow => ({ CHILD: 'C1', SEX: 'F', DOB, DUC: null, ...over });
const missing = (over: Partial<MissingRow> = {}): MissingRow => ({ CHILD: 'C1', DOB, MISSING: 'M', MIS_START: '2025-06-01', MIS_END: '2025-06-02', ...over });
const child = (over: Partial<ChildRows903> = {}): ChildRows903 => ({ childId: 'C1', header: header(), episodes: [ep()], uasc: [], reviews: [review()], missing: [], swEpisodes: [sw()], ...over });
const withDob = (dob: string, over: Partial<ChildRows903> = {}): ChildRows903 => child({ header: header({ DOB: dob }), reviews: [], ...over });

/** A move on 1 August 2025 to another foster carer, with the reason recorded. */
const move = (first: Partial<EpisodeRow> = {}, second: Partial<EpisodeRow> = {}): EpisodeRow[] => [
  ep({ DEC: '2025-08-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', ...first }),
  ep({ DECOM: '2025-08-01', RNE: 'P', PLACE: 'U6', URN: 'SC654321', PL_POST: 'NE5 2CD', ...second }),
];

/** A temporary placement from `start` to `end`, between two spells in the usual foster placement. */
const temporary = (place: string, start: string, end: string, over: { before?: Partial<EpisodeRow>; temp?: Partial<EpisodeRow>; after?: Partial<EpisodeRow> } = {}): EpisodeRow[] => [
  ep({ DEC: start, REC: 'X1', ...over.before }),
  ep({ DECOM: start, RNE: 'P', PLACE: place, PLACE_PROVIDER: null, URN: null, PL_POST: 'NE9 9TT', DEC: end, REC: 'X1', ...over.temp }),
  ep({ DECOM: end, RNE: 'P', ...over.after }),
];

/** A child adopted in the year: care from 1 May 2025 (C2), a placement order on 1 July 2025 (E1), placed for adoption with the foster carers on 1 September 2025 (A5), adopted on 1 February 2026 (E12). */
const adoptedEpisodes = (): EpisodeRow[] => [
  ep({ DEC: '2025-07-01', REC: 'X1' }),
  ep({ DECOM: '2025-07-01', RNE: 'L', LS: 'E1', DEC: '2025-09-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
  ep({ DECOM: '2025-09-01', RNE: 'P', LS: 'E1', PLACE: 'A5', PL_POST: 'NE5 2CD', DEC: '2026-02-01', REC: 'E12' }),
];
const ad1 = (over: Partial<Ad1Row> = {}): Ad1Row => ({ CHILD: 'C1', DOB, DATE_INT: '2025-06-01', DATE_MATCH: '2025-08-15', FOSTER_CARE: '1', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11', ...over });
const placed = (over: Partial<PlacedAdoptionRow> = {}): PlacedAdoptionRow => ({ CHILD: 'C1', DOB, DATE_PLACED: '2025-06-01', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null, ...over });
const adopted = (over: Partial<ChildRows903> = {}): ChildRows903 => child({ episodes: adoptedEpisodes(), ad1: [ad1()], placedAdoption: [placed()], ...over });
const withAd1 = (over: Partial<Ad1Row>) => adopted({ ad1: [ad1(over)] });
const withPlaced = (over: Partial<PlacedAdoptionRow>) => adopted({ placedAdoption: [placed(over)] });
const reversed = { DATE_PLACED_CEASED: '2025-10-01', REASON_PLACED_CEASED: 'RD1' };
const twoDecisions = (first: Partial<PlacedAdoptionRow> = {}) => child({ episodes: [ep({ LS: 'E1' })], placedAdoption: [placed(first), placed({ DATE_PLACED: '2025-07-01' })] });
const adopterStatus = (LS_ADOPTR: string, SEX_ADOPTR: string, message: string) => [`The adopters’ legal status is ${LS_ADOPTR} but their genders are “${SEX_ADOPTR}”: ${message}.`];

const failuresOf = (rule: RuleDefinition, rows: ChildRows903, y = Y2526, previous?: ChildRows903) => validateChild(rows, y, previous).filter((f) => f.rule === rule.rule);

test('the clean fixture child passes every rule', () => {
  assert.deepEqual(validateChild(child(), Y2526), []);
  assert.deepEqual(validateChild(child({ episodes: move() }), Y2526), []);
  assert.deepEqual(validateChild(child({ episodes: temporary('T3', '2025-06-01', '2025-06-15') }), Y2526), []);
});

// ---------------------------------------------------------------------------------------------
// One passing and one failing fixture for every rule; the failing one gives exactly these messages.
// ---------------------------------------------------------------------------------------------

type Case = { rule: RuleDefinition; year?: CollectionYear; pass: ChildRows903; fail: ChildRows903; previous?: ChildRows903; details: string[] };

const lastYear = (episodes: EpisodeRow[]): ChildRows903 => child({ episodes, reviews: [], swEpisodes: [] });
const carried = (over: Partial<EpisodeRow> = {}) => ep({ DECOM: '2024-06-01', ...over });

const CASES: Case[] = [
  // Field validity
  { rule: R.sexValid, pass: child(), fail: child({ header: header({ SEX: '1' }) }), details: ['Sex is “1”, which is not one of M, F, U for 2025-26.'] },
  { rule: R.sexUnknown, pass: child(), fail: child({ header: header({ SEX: 'U' }) }), details: ['Sex is recorded as unknown (U).'] },
  { rule: R.ethnicityValid, pass: child({ header: header({ ETHNIC: 'NOBT' }) }), fail: child({ header: header({ ETHNIC: 'WHITE' }) }), details: ['Ethnicity is “WHITE”, which is not a DfE ethnicity code.'] },
  { rule: R.upnValid, pass: child({ header: header({ UPN: 'UN3' }) }), fail: child({ header: header({ UPN: 'I123456789012' }) }), details: ['UPN “I123456789012” is not a valid UPN or UN code.'] },
  {
    rule: R.upnNotUn1AtSchoolAge,
    pass: withDob('2021-01-01', { header: header({ DOB: '2021-01-01', UPN: 'UN1' }) }),
    fail: child({ header: header({ UPN: 'UN1' }) }),
    details: ['UPN is UN1 (not of school age), but the child was 12 on 31 August 2024.'],
  },
  {
    rule: R.upnNotUn4AfterAWeek,
    pass: child({ header: header({ UPN: 'UN4' }), episodes: [ep({ DECOM: '2026-03-25' })] }),
    fail: child({ header: header({ UPN: 'UN4' }) }),
    details: ['UPN is UN4 (newly looked after), but the child has been looked after since 1 May 2025.'],
  },
  { rule: R.rneValid, pass: child(), fail: child({ episodes: [ep({ RNE: 'X' as EpisodeRow['RNE'] })] }), details: ['The open episode from 1 May 2025 has reason for new episode “X”, which is not valid for 2025-26.'] },
  { rule: R.legalStatusValid, pass: child(), fail: child({ episodes: [ep({ LS: 'C3' })] }), details: ['The open episode from 1 May 2025 has legal status “C3”, which is not valid for 2025-26.'] },
  { rule: R.categoryOfNeedValid, pass: child(), fail: child({ episodes: [ep({ CIN: 'N9' })] }), details: ['The open episode from 1 May 2025 has category of need “N9”, which is not valid for 2025-26.'] },
  {
    rule: R.placeValid,
    pass: child({ episodes: [ep({ PLACE: 'Z12', PLACE_PROVIDER: null, URN: null })] }),
    fail: child({ episodes: [ep({ PLACE: 'H5', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement type “H5”, which is not valid for 2025-26.'],
  },
  { rule: R.providerValid, pass: child(), fail: child({ episodes: [ep({ PLACE_PROVIDER: 'PR9' })] }), details: ['The open episode from 1 May 2025 has placement provider “PR9”, which is not valid for 2025-26.'] },
  {
    rule: R.recValid,
    pass: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E99' })] }),
    details: ['The episode from 1 May 2025 to 1 September 2025 has reason episode ceased “E99”, which is not valid for 2025-26.'],
  },
  {
    rule: R.reasonPlaceChangeValid,
    pass: child({ episodes: move() }),
    fail: child({ episodes: move({ REASON_PLACE_CHANGE: 'MOVED' }) }),
    details: ['The episode from 1 May 2025 to 1 August 2025 has reason for placement change “MOVED”, which is not valid for 2025-26.'],
  },
  { rule: R.reviewCodeValid, pass: child(), fail: child({ reviews: [review({ REVIEW_CODE: 'PN9' })] }), details: ['The review on 20 May 2025 has participation “PN9”.'] },
  { rule: R.missingTypeValid, pass: child({ missing: [missing()] }), fail: child({ missing: [missing({ MISSING: 'X' as MissingRow['MISSING'] })] }), details: ['The period from 1 June 2025 has type “X”.'] },
  {
    rule: R.swReasonValid,
    pass: child({ swEpisodes: [sw({ SW_DEC: '2025-09-01' }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-09-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw({ SW_DEC: '2025-09-01', SW_REASON: null }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-09-01', SW_REASON: null, SW_DEC: '2025-12-01' }), sw({ SW_ID: 'SW333333', SW_DECOM: '2025-12-01', SW_REASON: 'BORED' })] }),
    details: [
      'The social worker episode from 1 May 2025 has no reason for the change of social worker.',
      'The social worker episode from 1 September 2025 has no reason for the change of social worker.',
      'The social worker episode from 1 December 2025 has reason “BORED”, which is not a DfE code.',
    ],
  },
  {
    rule: R.swEpisodeComplete,
    pass: child({ swEpisodes: [sw({ SW_DECOM: '2023-01-10', SW_REASON: null, SW_DEC: '2025-09-01' }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-09-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw({ SW_REASON: null, SW_DEC: '2025-09-01' }), sw({ SW_ID: '', SW_DECOM: '2025-09-01', SW_REASON: null })] }),
    details: ['The social worker episode from 1 May 2025 has no reason.', 'The social worker episode from 1 September 2025 has no social worker ID and no reason.'],
  },
  { rule: R.swIdFormat, pass: child({ swEpisodes: [sw({ SW_ID: 'XX0042' })] }), fail: child({ swEpisodes: [sw({ SW_ID: 'AB123' })] }), details: ['The social worker episode from 1 May 2025 has ID “AB123”.'] },
  {
    rule: R.socialWorkerAt31March,
    pass: child({ episodes: [ep({ LS: 'V3', HOME_POST: null, PL_POST: null })], reviews: [], swEpisodes: [] }),
    fail: child({ swEpisodes: [] }),
    details: ['The child is looked after on 31 March (the open episode from 1 May 2025), but no social worker episode is recorded.'],
  },
  {
    rule: R.socialWorkerOpenAt31March,
    pass: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })], swEpisodes: [sw({ SW_DEC: '2025-07-01' }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-07-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })], swEpisodes: [sw({ SW_DEC: '2025-07-01' }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-07-01', SW_REASON: 'LEFTRL', SW_DEC: '2025-09-01' })] }),
    details: ['The latest social worker episode, from 1 July 2025, ends on 1 September 2025 and no later one is recorded.'],
  },
  {
    rule: R.socialWorkerFollowsAtYearEnd,
    pass: child({ swEpisodes: [sw({ SW_DEC: '2026-03-28' }), sw({ SW_ID: 'SW222222', SW_DECOM: '2026-03-28', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw({ SW_DEC: '2026-03-28' })] }),
    details: ['The social worker episode from 1 May 2025 ends on 28 March 2026 and no later one is recorded.'],
  },

  // Dates and ages
  { rule: R.startsAfterBirth, pass: child(), fail: withDob('2025-06-01'), details: ['The open episode from 1 May 2025 starts before the child’s date of birth (1 June 2025).'] },
  {
    rule: R.youthJusticeAge,
    pass: child({ episodes: [ep({ LS: 'J1' })] }),
    fail: withDob('2016-01-01', { episodes: [ep({ LS: 'J1' })] }),
    details: ['The open episode from 1 May 2025 has legal status J1, but the child was 9 when it started; the minimum age is 10.'],
  },
  {
    rule: R.supportedAccommodationAge,
    pass: withDob('2009-01-01', { episodes: [ep({ PLACE: 'K3', PLACE_PROVIDER: 'PR4' })] }),
    fail: child({ episodes: [ep({ PLACE: 'K3', PLACE_PROVIDER: 'PR4' })] }),
    details: ['The open episode from 1 May 2025 has placement type K3, but the child was 12 when it started; the minimum age is 16.'],
  },
  {
    rule: R.youthCustodyAge,
    pass: child({ episodes: [ep({ PLACE: 'R5', PLACE_PROVIDER: 'PR3', URN: null })] }),
    fail: withDob('2016-01-01', { episodes: [ep({ PLACE: 'R5', PLACE_PROVIDER: 'PR3', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement type R5, but the child was 9 when it started; the minimum age is 10.'],
  },
  {
    rule: R.residentialSchoolAge,
    pass: child({ episodes: [ep({ PLACE: 'S1', PLACE_PROVIDER: 'PR4' })] }),
    fail: withDob('2022-01-01', { episodes: [ep({ PLACE: 'S1', PLACE_PROVIDER: 'PR4' })] }),
    details: ['The open episode from 1 May 2025 has placement type S1, but the child was 3 when it started; the minimum age is 4.'],
  },
  {
    rule: R.residentialEmploymentAge,
    pass: withDob('2010-01-01', { episodes: [ep({ PLACE: 'P3', PLACE_PROVIDER: 'PR4', URN: null })] }),
    fail: child({ episodes: [ep({ PLACE: 'P3', PLACE_PROVIDER: 'PR4', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement type P3, but the child was 12 when it started; the minimum age is 14.'],
  },
  {
    rule: R.policeProtectionLimit,
    pass: child({ episodes: [ep({ LS: 'L1', DEC: '2025-05-04', REC: 'X1' }), ep({ DECOM: '2025-05-04', RNE: 'L', LS: 'C1' })] }),
    fail: child({ episodes: [ep({ LS: 'L1', DEC: '2025-05-05', REC: 'X1' }), ep({ DECOM: '2025-05-05', RNE: 'L', LS: 'C1' })] }),
    details: ['Legal status L1 lasts 4 days from 1 May 2025; the limit is 3.'],
  },
  {
    rule: R.emergencyProtectionLimit,
    pass: child({ episodes: [ep({ LS: 'L2', DEC: '2025-05-22', REC: 'X1' }), ep({ DECOM: '2025-05-22', RNE: 'L', LS: 'C1' })] }),
    fail: child({ episodes: [ep({ LS: 'L2', DEC: '2025-05-23', REC: 'X1' }), ep({ DECOM: '2025-05-23', RNE: 'L', LS: 'C1' })] }),
    details: ['Legal status L2 lasts 22 days from 1 May 2025; the limit is 21.'],
  },
  {
    rule: R.childAssessmentOrderLimit,
    pass: child({ episodes: [ep({ LS: 'L3', DEC: '2025-05-08', REC: 'X1' }), ep({ DECOM: '2025-05-08', RNE: 'L', LS: 'C1' })] }),
    fail: child({ episodes: [ep({ LS: 'L3', DEC: '2025-05-09', REC: 'X1' }), ep({ DECOM: '2025-05-09', RNE: 'L', LS: 'C1' })] }),
    details: ['Legal status L3 lasts 8 days from 1 May 2025; the limit is 7.'],
  },
  {
    rule: R.hospitalTemporaryLimit,
    pass: child({ episodes: temporary('T1', '2025-06-01', '2025-07-13') }),
    fail: child({ episodes: temporary('T1', '2025-06-01', '2025-07-14') }),
    details: ['The episode from 1 June 2025 to 14 July 2025 (T1) lasts 43 days; the limit is 42.'],
  },
  {
    rule: R.carerHolidayTemporaryLimit,
    pass: child({ episodes: temporary('T3', '2025-06-01', '2025-06-22') }),
    fail: child({ episodes: temporary('T3', '2025-06-01', '2025-06-23') }),
    details: ['The episode from 1 June 2025 to 23 June 2025 (T3) lasts 22 days; the limit is 21.'],
  },
  {
    rule: R.underFourParticipation,
    pass: withDob('2022-01-01', { reviews: [review({ REVIEW_CODE: 'PN0' })] }),
    fail: child({ reviews: [review({ REVIEW_CODE: 'PN0' })] }),
    details: ['The review on 20 May 2025 is recorded as PN0, but the child was 13.'],
  },
  {
    rule: R.fourAndOverParticipation,
    pass: child({ reviews: [review({ REVIEW_CODE: 'PN7' })] }),
    fail: withDob('2022-01-01', { reviews: [review({ REVIEW_CODE: 'PN1' })] }),
    details: ['The review on 20 May 2025 is recorded as PN1, but the child was under 4.'],
  },
  {
    rule: R.shortBreaksNoPostcodes,
    pass: child({ episodes: [ep({ LS: 'V3', HOME_POST: null, PL_POST: null })], reviews: [] }),
    fail: child({ episodes: [ep({ LS: 'V3' })], reviews: [] }),
    details: ['The open episode from 1 May 2025 has legal status V3 but a postcode is recorded.'],
  },
  {
    rule: R.distanceRecorded,
    pass: child({ episodes: [ep({ HOME_POST: null })], uasc: [uascRow()] }),
    fail: child({ episodes: [ep({ HOME_POST: null })] }),
    details: ['The open episode from 1 May 2025 has no home postcode, so no distance can be worked out.'],
  },
  {
    rule: R.postcodesRecorded,
    pass: child({ episodes: [ep({ LS: 'V3', HOME_POST: null, PL_POST: null })], reviews: [] }),
    fail: child({ episodes: [ep({ HOME_POST: null, PL_POST: null })] }),
    details: ['The open episode from 1 May 2025 has no home or placement postcode.'],
  },
  {
    rule: R.noDistanceForUasc,
    pass: child({ episodes: [ep({ HOME_POST: null })], uasc: [uascRow()] }),
    fail: child({ uasc: [uascRow({ DUC: '2025-06-01' })] }),
    details: ['The child is or was UASC, but the open episode from 1 May 2025 has a home postcode (NE1 4ST), so a distance would be worked out.'],
  },
  {
    rule: R.uascCeasedInYear,
    pass: child({ episodes: [ep({ HOME_POST: null })], uasc: [uascRow({ DUC: '2025-04-01' })] }),
    fail: child({ episodes: [ep({ HOME_POST: null })], uasc: [uascRow({ DUC: '2025-03-31' })] }),
    details: ['UASC status ceased on 31 March 2025, before the collection year began (1 April 2025).'],
  },
  {
    rule: R.shortBreaksNoReviews,
    pass: child({ episodes: [ep({ LS: 'V4', HOME_POST: null, PL_POST: null })], reviews: [] }),
    fail: child({ header: header({ MOTHER: '0' }), episodes: [ep({ LS: 'V4', HOME_POST: null, PL_POST: null })] }),
    details: ['The child is looked after only for short breaks but has a review on 20 May 2025.', 'The child is looked after only for short breaks but MOTHER is recorded.'],
  },
  {
    rule: R.missingWhileLookedAfter,
    pass: child({ missing: [missing({ MIS_START: '2025-05-01' })] }),
    fail: child({ missing: [missing({ MIS_START: '2025-04-10', MIS_END: '2025-04-11' })] }),
    details: ['The missing period from 10 April 2025 starts when the child was not looked after.'],
  },
  {
    rule: R.missingEndedWithCare,
    pass: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })], missing: [missing({ MIS_START: '2025-08-20', MIS_END: '2025-08-22' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })], missing: [missing({ MIS_START: '2025-08-20', MIS_END: null })] }),
    details: ['The missing period from 20 August 2025 has no end date, but the child’s care ended on 1 September 2025.'],
  },
  {
    rule: R.missingNoOverlap,
    pass: child({ missing: [missing({ MIS_END: '2025-06-05' }), missing({ MIS_START: '2025-06-05', MIS_END: '2025-06-06' })] }),
    fail: child({ missing: [missing({ MIS_END: '2025-06-05' }), missing({ MIS_START: '2025-06-03', MIS_END: '2025-06-04' })] }),
    details: ['The missing period from 3 June 2025 starts before the one from 1 June 2025 has ended.'],
  },

  // Episode sequencing
  {
    rule: R.atLeastADay,
    pass: child({ episodes: [ep({ DEC: '2025-05-02', REC: 'E4A' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-05-01', REC: 'E4A' })] }),
    details: ['The episode from 1 May 2025 to 1 May 2025 starts and ends on the same day.'],
  },
  {
    rule: R.continuationX1,
    pass: child({ episodes: move() }),
    fail: child({ episodes: [ep({ DEC: '2025-09-01', REC: 'X1' })] }),
    details: ['The episode from 1 May 2025 to 1 September 2025 ends with X1 but no episode follows.'],
  },
  {
    rule: R.continuationStartsSameDay,
    pass: child({ episodes: move() }),
    fail: child({ episodes: move({}, { DECOM: '2025-08-03' }) }),
    details: ['The open episode from 3 August 2025 has reason for new episode P but does not start the day the previous episode ended (1 August 2025).'],
  },
  {
    rule: R.firstEpisodeIsStart,
    pass: child({ episodes: [ep({ DECOM: '2024-06-01', RNE: 'P' })] }),
    fail: child({ episodes: [ep({ RNE: 'P' })] }),
    details: ['The open episode from 1 May 2025 is the child’s first, but its reason for new episode is P.'],
  },
  {
    rule: R.startAfterGap,
    pass: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E4A' }), ep({ DECOM: '2025-08-02' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E4A' }), ep({ DECOM: '2025-08-01' })] }),
    details: ['The open episode from 1 August 2025 starts a new period of care, but the previous episode ended on 1 August 2025.'],
  },
  {
    rule: R.startAfterCeased,
    pass: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E4A' }), ep({ DECOM: '2025-09-01' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E4A' }), ep({ DECOM: '2025-09-01', RNE: 'P' })] }),
    details: ['Care ended (E4A) before the open episode from 1 September 2025, but its reason for new episode is P.'],
  },
  {
    rule: R.legalStatusChangeOnly,
    pass: child({ episodes: [ep({ LS: 'C1', DEC: '2025-08-01', REC: 'X1' }), ep({ DECOM: '2025-08-01', RNE: 'L', LS: 'C2' })] }),
    fail: child({ episodes: [ep({ LS: 'C1', DEC: '2025-08-01', REC: 'X1' }), ep({ DECOM: '2025-08-01', RNE: 'L', LS: 'C2', PL_POST: 'NE5 2CD' })] }),
    details: ['The open episode from 1 August 2025 is a change of legal status only (L), but the placement changed too.'],
  },
  {
    rule: R.placementChangeOnly,
    pass: child({ episodes: move() }),
    fail: child({ episodes: move({}, { LS: 'C1' }) }),
    details: ['The open episode from 1 August 2025 is a change of placement only (P), but the legal status changed from C2 to C1.'],
  },
  {
    rule: R.bothChanged,
    pass: child({ episodes: move({ LS: 'C1' }, { RNE: 'B' }) }),
    fail: child({ episodes: move({}, { RNE: 'B' }) }),
    details: ['The open episode from 1 August 2025 is a change of legal status and placement (B), but the legal status is still C2.'],
  },
  {
    rule: R.nothingAfterDeathOrAdulthood,
    pass: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E15' })] }),
    fail: child({ episodes: [ep({ DEC: '2025-08-01', REC: 'E15' }), ep({ DECOM: '2025-09-01' })] }),
    details: ['The episode from 1 May 2025 to 1 August 2025 ends with E15, but later episodes follow.'],
  },
  {
    rule: R.temporaryDoesNotStartCare,
    pass: child({ episodes: temporary('T0', '2025-06-01', '2025-06-05') }),
    fail: child({ episodes: [ep({ PLACE: 'T0', PLACE_PROVIDER: null, URN: null })] }),
    details: ['The open episode from 1 May 2025 is a temporary placement (T0) with reason for new episode S.'],
  },
  {
    rule: R.temporaryDoesNotEndCare,
    pass: child({ episodes: temporary('T4', '2025-06-01', '2025-06-05') }),
    fail: child({ episodes: temporary('T4', '2025-06-01', '2025-06-05', { temp: { REC: 'E4A' } }).slice(0, 2) }),
    details: ['The episode from 1 June 2025 to 5 June 2025 is a temporary placement (T4) and care ends with it (E4A).'],
  },

  // Legal status and placement combinations
  {
    rule: R.placedWithParentsNotV2,
    pass: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: null, LS: 'C1' })] }),
    fail: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: null, LS: 'V2' })] }),
    details: ['The open episode from 1 May 2025 has placement type P1 with legal status V2.'],
  },
  {
    rule: R.reasonPlaceChangeRequired,
    pass: child({ episodes: move() }),
    fail: child({ episodes: move({ REASON_PLACE_CHANGE: null }) }),
    details: ['The placement changed at the end of the episode from 1 May 2025 to 1 August 2025, but no reason for the change is recorded.'],
  },
  {
    rule: R.reasonPlaceChangeNotForTemporary,
    pass: child({ episodes: temporary('T4', '2025-06-01', '2025-06-05') }),
    fail: child({ episodes: temporary('T4', '2025-06-01', '2025-06-05', { before: { REASON_PLACE_CHANGE: 'CARPL' } }) }),
    details: ['The episode from 1 June 2025 to 5 June 2025 is a temporary placement (T4), but a reason for placement change is recorded on it or on the episode before.'],
  },
  {
    rule: R.reasonPlaceChangeOnlyWhenEnded,
    pass: child({ episodes: move() }),
    fail: child({ episodes: [ep({ REASON_PLACE_CHANGE: 'CARPL' })] }),
    details: ['The open episode from 1 May 2025 has a reason for placement change (CARPL).'],
  },
  {
    rule: R.custodyNotUnderTen,
    pass: child({ episodes: move({ REASON_PLACE_CHANGE: 'CUSTOD' }) }),
    fail: withDob('2016-01-01', { episodes: move({ REASON_PLACE_CHANGE: 'CUSTOD' }) }),
    details: ['The placement in the episode from 1 May 2025 to 1 August 2025 ended for custody (CUSTOD) when the child was 9.'],
  },

  // URN and provider
  {
    rule: R.urnRequired,
    pass: child({ episodes: [ep({ URN: 'XXXXXXX' })] }),
    fail: child({ episodes: [ep({ URN: null })] }),
    details: ['The open episode from 1 May 2025 (U4) has no Ofsted URN.'],
  },
  {
    rule: R.urnNotForPlacementType,
    pass: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: 'XXXXXXX' })] }),
    fail: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0' })] }),
    details: ['The open episode from 1 May 2025 (P1) has Ofsted URN “SC123456”.'],
  },
  {
    rule: R.providerNotForPlacementType,
    pass: child({ episodes: temporary('T3', '2025-06-01', '2025-06-15') }),
    fail: child({ episodes: temporary('T3', '2025-06-01', '2025-06-15', { temp: { PLACE_PROVIDER: 'PR1' } }) }),
    details: ['The episode from 1 June 2025 to 15 June 2025 (T3) has placement provider PR1.'],
  },
  {
    rule: R.pr0OnlyWithParents,
    pass: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: null })] }),
    fail: child({ episodes: [ep({ PLACE_PROVIDER: 'PR0' })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR0 with placement type U4.'],
  },
  {
    rule: R.pr1NotWith,
    pass: child({ episodes: [ep({ PLACE: 'R2', PLACE_PROVIDER: 'PR3', URN: null })] }),
    fail: child({ episodes: [ep({ PLACE: 'R2', PLACE_PROVIDER: 'PR1', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR1 with placement type R2.'],
  },
  {
    rule: R.pr2NotWith,
    pass: child({ episodes: [ep({ PLACE_PROVIDER: 'PR2' })] }),
    fail: child({ episodes: [ep({ PLACE: 'R5', PLACE_PROVIDER: 'PR2', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR2 with placement type R5.'],
  },
  {
    rule: R.pr3NotWith,
    pass: child({ episodes: [ep({ PLACE: 'R1', PLACE_PROVIDER: 'PR3', URN: null })] }),
    fail: child({ episodes: [ep({ PLACE: 'K2', PLACE_PROVIDER: 'PR3' })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR3 with placement type K2.'],
  },
  {
    rule: R.pr4NotWithParents,
    pass: child({ episodes: [ep({ PLACE_PROVIDER: 'PR4' })] }),
    fail: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR4', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR4 with placement type P1.'],
  },
  {
    rule: R.pr5NotWithParents,
    pass: child({ episodes: [ep({ PLACE_PROVIDER: 'PR5' })] }),
    fail: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR5', URN: null })] }),
    details: ['The open episode from 1 May 2025 has placement provider PR5 with placement type P1.'],
  },
  {
    rule: R.homeAndPlacementPostcodesDiffer,
    pass: child({ episodes: [ep({ PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: null, HOME_POST: 'NE3 1AB' })] }),
    fail: child({ episodes: [ep({ HOME_POST: 'ne31ab' })] }),
    details: ['The open episode from 1 May 2025 (U4) has the same home and placement postcode (NE3 1AB).'],
  },
  {
    rule: R.categoryOfNeedFixed,
    pass: child({ episodes: move() }),
    fail: child({ episodes: move({}, { CIN: 'N2' }) }),
    details: ['The open episode from 1 August 2025 has category of need N2, but the period of care started with N1.'],
  },

  // Comparing with last year's return
  {
    rule: R.carriedOverStartDate,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ DECOM: '2024-07-01' })] }),
    details: ['Last year’s return ended with an episode open from 1 June 2024, but this year’s first episode starts on 1 July 2024.'],
  },
  {
    rule: R.carriedOverRne,
    previous: lastYear([carried({ RNE: 'S' })]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ RNE: 'P' })] }),
    details: ['Last year’s open episode had reason for new episode “S”; this year’s first episode has “P”.'],
  },
  {
    rule: R.carriedOverLegalStatus,
    previous: lastYear([carried({ LS: 'C1' })]),
    pass: child({ episodes: [carried({ LS: 'C1' })] }),
    fail: child({ episodes: [carried()] }),
    details: ['Last year’s open episode had legal status “C1”; this year’s first episode has “C2”.'],
  },
  {
    rule: R.carriedOverCategoryOfNeed,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ CIN: 'N4' })] }),
    details: ['Last year’s open episode had category of need “N1”; this year’s first episode has “N4”.'],
  },
  {
    rule: R.carriedOverPlace,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ PLACE: 'U5' })] }),
    details: ['Last year’s open episode had placement type “U4”; this year’s first episode has “U5”.'],
  },
  {
    rule: R.carriedOverProvider,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ PLACE_PROVIDER: 'PR4' })] }),
    details: ['Last year’s open episode had placement provider “PR1”; this year’s first episode has “PR4”.'],
  },
  {
    rule: R.carriedOverUrn,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried()] }),
    fail: child({ episodes: [carried({ URN: 'SC999999' })] }),
    details: ['Last year’s open episode had Ofsted URN “SC123456”; this year’s first episode has “SC999999”.'],
  },
  {
    rule: R.carriedOverDistance,
    previous: lastYear([carried()]),
    pass: child({ episodes: [carried({ HOME_POST: 'ne14st' })] }),
    fail: child({ episodes: [carried({ HOME_POST: 'NE2 2ZZ' })] }),
    details: ['Last year’s open episode had postcodes NE1 4ST and NE3 1AB, this year’s first episode NE2 2ZZ and NE3 1AB, so the distance worked out may differ.'],
  },
  {
    rule: R.carriedOverDistanceSameRne,
    previous: lastYear([carried({ HOME_POST: null })]),
    pass: child({ episodes: [carried({ HOME_POST: null })] }),
    fail: child({ episodes: [carried()] }),
    details: ['Last year’s open episode had no distance (no home postcode), but this year’s first episode has both postcodes (NE1 4ST, NE3 1AB), so a distance is worked out.'],
  },
  // UASC compared with last year's return
  {
    rule: R.uascCeasedLastYear,
    previous: child({ episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow()] }),
    pass: child({ episodes: [carried({ HOME_POST: null })], uasc: [uascRow({ DUC: '2030-05-10' })] }),
    fail: child({ episodes: [carried({ HOME_POST: null })] }),
    details: ['The child was UASC last year and is not this year, but last year’s date UASC status ceased is blank, not a date in last year (1 April 2024 to 31 March 2025).'],
  },
  {
    rule: R.uascContinuesAt18,
    previous: child({ episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ DUC: '2030-05-10' })] }),
    pass: child({ episodes: [carried({ HOME_POST: null })], uasc: [uascRow({ DUC: '2030-05-10' })] }),
    fail: child({ episodes: [carried({ HOME_POST: null })], uasc: [uascRow({ DUC: null })] }),
    details: ['The child was UASC last year and this year, but this year’s (blank) is neither in the year nor last year’s date.'],
  },
  {
    rule: R.uascNotLastYear,
    previous: lastYear([carried()]),
    pass: child(),
    fail: child({ episodes: [carried({ HOME_POST: null })], uasc: [uascRow()] }),
    details: ['The child is UASC this year but was in last year’s return without UASC status.'],
  },
  // Adoption (AD1, PlacedAdoption)
  { rule: R.fosterCareValid, pass: adopted(), fail: withAd1({ FOSTER_CARE: '2' as '1' }), details: ['FOSTER_CARE (whether the child was adopted by their foster carers) is “2”, not one of 0, 1.'] },
  { rule: R.numberOfAdoptersValid, pass: adopted(), fail: withAd1({ NB_ADOPTR: '3' }), details: ['NB_ADOPTR (the number of adopters) is “3”, not one of 1, 2.'] },
  { rule: R.adoptersSexValid, pass: adopted(), fail: withAd1({ SEX_ADOPTR: 'XY' }), details: ['SEX_ADOPTR (the adopters’ genders) is “XY”, not one of M1, F1, MM, FF, MF.'] },
  { rule: R.adoptersLegalStatusValid, pass: adopted(), fail: withAd1({ LS_ADOPTR: 'L9' }), details: ['LS_ADOPTR (the adopters’ legal status) is “L9”, not one of L0, L11, L12, L2, L3, L4.'] },
  { rule: R.reasonPlacedCeasedValid, pass: withPlaced(reversed), fail: withPlaced({ ...reversed, REASON_PLACED_CEASED: 'RD9' }), details: ['The reason is “RD9”, not one of RD1 to RD4.'] },
  { rule: R.placedCeasedComplete, pass: withPlaced(reversed), fail: withPlaced({ DATE_PLACED_CEASED: '2025-10-01' }), details: ['The decision of 1 June 2025 has a date it was reversed but no reason.'] },
  { rule: R.ad1AllOrNothing, pass: adopted(), fail: withAd1({ SEX_ADOPTR: null, LS_ADOPTR: null }), details: ['The adoption is missing SEX_ADOPTR, LS_ADOPTR.'] },
  { rule: R.adoptersAgree, pass: withAd1({ NB_ADOPTR: '1', SEX_ADOPTR: 'F1', LS_ADOPTR: 'L0' }), fail: withAd1({ SEX_ADOPTR: 'F1' }), details: ['Two adopters, but their genders are “F1”.'] },
  { rule: R.singleAdopter, pass: withAd1({ NB_ADOPTR: '1', SEX_ADOPTR: 'M1', LS_ADOPTR: 'L0' }), fail: withAd1({ LS_ADOPTR: 'L0' }), details: adopterStatus('L0', 'MF', 'A single adopter (L0) is one person: M1 or F1') },
  { rule: R.unmarriedDifferentGenders, pass: withAd1({ LS_ADOPTR: 'L3' }), fail: withAd1({ LS_ADOPTR: 'L3', SEX_ADOPTR: 'FF' }), details: adopterStatus('L3', 'FF', 'An unmarried couple of different genders (L3) is MF') },
  { rule: R.unmarriedSameGender, pass: withAd1({ LS_ADOPTR: 'L4', SEX_ADOPTR: 'MM' }), fail: withAd1({ LS_ADOPTR: 'L4' }), details: adopterStatus('L4', 'MF', 'An unmarried couple of the same gender (L4) is MM or FF') },
  { rule: R.civilPartners, pass: withAd1({ LS_ADOPTR: 'L2', SEX_ADOPTR: 'FF' }), fail: withAd1({ LS_ADOPTR: 'L2', SEX_ADOPTR: 'F1' }), details: adopterStatus('L2', 'F1', 'Civil partners (L2) are a couple: MM, FF or MF') },
  { rule: R.marriedDifferentGenders, pass: adopted(), fail: withAd1({ SEX_ADOPTR: 'FF' }), details: adopterStatus('L11', 'FF', 'A married couple of different genders (L11) is MF') },
  { rule: R.marriedSameGender, pass: withAd1({ LS_ADOPTR: 'L12', SEX_ADOPTR: 'FF' }), fail: withAd1({ LS_ADOPTR: 'L12' }), details: adopterStatus('L12', 'MF', 'A married couple of the same gender (L12) is MM or FF') },
  { rule: R.matchedAfterDecision, pass: adopted(), fail: withAd1({ DATE_INT: '2025-08-20' }), details: ['The decision that the child should be placed for adoption (20 August 2025) is after they were matched (15 August 2025).'] },
  { rule: R.placedAdoptionAfterBirth, pass: adopted(), fail: withPlaced({ DATE_PLACED: '2012-01-01' }), details: ['The decision was made on 1 January 2012, before the child was born (10 May 2012).'] },
  { rule: R.placedCeasedAfterDecision, pass: withPlaced(reversed), fail: withPlaced({ ...reversed, DATE_PLACED_CEASED: '2025-05-15' }), details: ['The decision of 1 June 2025 was reversed on 15 May 2025, before it was made.'] },
  {
    rule: R.placedDateMatchesAd1,
    pass: adopted(),
    fail: withPlaced({ DATE_PLACED: '2025-06-02' }),
    details: ['The decision is dated 2 June 2025 here and 1 June 2025 in AD1.', 'The decision that the child should be placed for adoption is dated 1 June 2025 here and differently in PlacedAdoption.'],
  },
  { rule: R.noAdoptionAfterReversal, pass: adopted(), fail: withPlaced(reversed), details: ['The decision of 1 June 2025 was reversed on 1 October 2025, but the child was adopted in the year.'] },
  { rule: R.placedWithinYearAndCare, pass: adopted(), fail: withPlaced({ DATE_PLACED: '2026-02-10' }), details: ['10 February 2026 is after care ended (1 February 2026).'] },
  { rule: R.placedCeasedWithinYearAndCare, pass: withPlaced(reversed), fail: withPlaced({ ...reversed, DATE_PLACED_CEASED: '2025-03-01' }), details: ['The decision was reversed on 1 March 2025, before the collection year began.'] },
  { rule: R.matchedBeforePlacedForAdoption, pass: adopted(), fail: withAd1({ DATE_MATCH: '2025-09-10' }), details: ['Matched on 10 September 2025, after the adoptive placement began (1 September 2025).'] },
  { rule: R.decisionAfterCareBegan, pass: adopted(), fail: withAd1({ DATE_INT: '2025-04-20' }), details: ['The decision that the child should be placed for adoption (20 April 2025) is before their latest period of care began (1 May 2025).'] },
  { rule: R.fosterCareAgreesWithPlacement, pass: adopted(), fail: withAd1({ FOSTER_CARE: '0' }), details: ['FOSTER_CARE is 0 but the adoption ended the episode from 1 September 2025 to 1 February 2026 in placement A5.'] },
  { rule: R.decisionBeforeAdoptivePlacement, pass: adopted(), fail: withAd1({ DATE_INT: '2025-09-05' }), details: ['The decision (5 September 2025) is after the child was placed for adoption (1 September 2025).'] },
  {
    rule: R.adoptedHasAd1,
    pass: adopted(),
    fail: withAd1({ SEX_ADOPTR: null }),
    details: ['The episode from 1 September 2025 to 1 February 2026 ended with adoption (E12), but the adoption items are incomplete.', 'The child was adopted in the year, but the adoption items are incomplete.'],
  },
  { rule: R.ad1OnlyIfAdopted, pass: adopted(), fail: child({ ad1: [ad1()] }), details: ['The child is in AD1, but no episode ends with adoption in the year.'] },
  { rule: R.adoptedNotOnMatchingDay, pass: adopted(), fail: withAd1({ DATE_MATCH: '2026-02-01' }), details: ['The child was adopted on 1 February 2026, the day they were matched.'] },
  {
    rule: R.placedAdoptionHasDecision,
    pass: adopted(),
    fail: adopted({ placedAdoption: [] }),
    details: ['The episode from 1 September 2025 to 1 February 2026 is a placement for adoption (A5), but no decision that the child should be placed for adoption is in the return.'],
  },
  { rule: R.decisionBeforePlacedForAdoption, pass: adopted(), fail: withPlaced({ DATE_PLACED: '2025-09-05' }), details: ['The decision (5 September 2025) is after the child was placed for adoption (1 September 2025).'] },
  {
    rule: R.placementOrderHasDecision,
    pass: adopted(),
    fail: adopted({ placedAdoption: [] }),
    details: [
      'The episode from 1 July 2025 to 1 September 2025 is under a placement order (E1), but no decision that the child should be placed for adoption is in the return.',
      'The episode from 1 September 2025 to 1 February 2026 is under a placement order (E1), but no decision that the child should be placed for adoption is in the return.',
    ],
  },
  { rule: R.decisionBeforePlacementOrder, pass: adopted(), fail: withPlaced({ DATE_PLACED: '2025-07-05' }), details: ['The decision (5 July 2025) is after the placement order (1 July 2025).'] },
  {
    rule: R.freeingOrderHasDecision,
    pass: child({ episodes: [ep({ LS: 'D1' })], placedAdoption: [placed()] }),
    fail: child({ episodes: [ep({ LS: 'D1' })] }),
    details: ['The open episode from 1 May 2025 is under a freeing order (D1), but no decision that the child should be placed for adoption is in the return.'],
  },
  {
    rule: R.decisionBeforeFreeingOrder,
    pass: child({ episodes: [ep({ LS: 'D1', DECOM: '2025-06-01' })], placedAdoption: [placed()] }),
    fail: child({ episodes: [ep({ LS: 'D1' })], placedAdoption: [placed()] }),
    details: ['The decision (1 June 2025) is after the freeing order (1 May 2025).'],
  },
  { rule: R.adoptedDecisionNotReversed, pass: adopted(), fail: withPlaced(reversed), details: ['The child was adopted, but the decision of 1 June 2025 is recorded as reversed.'] },
  { rule: R.reversalHasDecision, pass: withPlaced(reversed), fail: withPlaced({ ...reversed, DATE_PLACED: '' }), details: ['A reversal is recorded with no decision date.'] },
  { rule: R.earlierDecisionsReversed, pass: twoDecisions({ DATE_PLACED_CEASED: '2025-06-20', REASON_PLACED_CEASED: 'RD1' }), fail: twoDecisions(), details: ['The decision of 1 June 2025 was followed by a later one but is not recorded as reversed.'] },
  { rule: R.decisionsDoNotOverlap, pass: twoDecisions({ DATE_PLACED_CEASED: '2025-06-20', REASON_PLACED_CEASED: 'RD1' }), fail: twoDecisions(), details: ['The decision of 1 July 2025 starts while the one of 1 June 2025 still stands.'] },
  { rule: R.ad1ChildInHeader, pass: adopted(), fail: adopted({ header: null }), details: ['The child is not in the header file.'] },
  { rule: R.placedAdoptionChildInHeader, pass: adopted(), fail: adopted({ header: null }), details: ['The child is not in the header file.'] },
  { rule: R.ad1DobAsHeader, pass: adopted(), fail: withAd1({ DOB: '2012-05-11' }), details: ['The date of birth here is 11 May 2012; the header has 10 May 2012.'] },
  { rule: R.placedAdoptionDobAsHeader, pass: adopted(), fail: withPlaced({ DOB: '2012-05-11' }), details: ['The date of birth here is 11 May 2012; the header has 10 May 2012.'] },
  { rule: R.ad1Once, pass: adopted(), fail: adopted({ ad1: [ad1(), ad1()] }), details: ['The child has 2 rows in AD1.', 'The child has 2 rows in AD1.'] },
  // Social worker episodes, further
  { rule: R.swEpisodeFilledIn, pass: child(), fail: child({ swEpisodes: [sw({ SW_REASON: null })] }), details: ['The social worker episode from 1 May 2025 is missing its reason.'] },
  { rule: R.swStartsWithinYear, pass: child({ swEpisodes: [sw({ SW_DECOM: '2026-03-31' })] }), fail: child({ swEpisodes: [sw({ SW_DECOM: '2026-04-02' })] }), details: ['The social worker episode starts on 2 April 2026, after 31 March.'] },
  {
    rule: R.swEndsWithinPeriod,
    pass: child({ swEpisodes: [sw({ SW_DECOM: '2023-01-01', SW_DEC: '2024-04-01' }), sw({ SW_DECOM: '2024-04-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw({ SW_DECOM: '2023-01-01', SW_DEC: '2024-03-31' }), sw({ SW_DECOM: '2024-03-31', SW_REASON: 'LEFTRL' })] }),
    details: ['The social worker episode from 1 January 2023 ends on 31 March 2024, outside 1 April 2024 to 31 March 2026.'],
  },
  {
    rule: R.swPreviousEnded,
    pass: child({ swEpisodes: [sw({ SW_DEC: '2025-08-01' }), sw({ SW_DECOM: '2025-08-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw(), sw({ SW_DECOM: '2025-08-01', SW_REASON: 'LEFTRL' })] }),
    details: ['The social worker episode from 1 May 2025 has no end date, but a later one starts.'],
  },
  {
    rule: R.swEndedUnlessLatest,
    pass: child({ swEpisodes: [sw({ SW_DEC: '2025-08-01' }), sw({ SW_DECOM: '2025-08-01', SW_REASON: 'LEFTRL' })] }),
    fail: child({ swEpisodes: [sw(), sw({ SW_DECOM: '2025-08-01', SW_REASON: 'LEFTRL' })] }),
    details: ['The social worker episode from 1 May 2025 has no end date and is not the child’s latest.'],
  },
  { rule: R.swLastsADay, pass: child({ swEpisodes: [sw({ SW_DEC: '2025-05-02' })] }), fail: child({ swEpisodes: [sw({ SW_DEC: '2025-05-01' })] }), details: ['The social worker episode starts and ends on 1 May 2025.'] },
  {
    rule: R.swFollowsPrevious,
    pass: child({ swEpisodes: [sw({ SW_DEC: '2025-08-01' }), sw({ SW_DECOM: '2025-08-08', SW_REASON: 'LEFTRL' }), sw({ SW_DECOM: '2025-12-01', SW_REASON: 'FCONTA' })] }),
    fail: child({ swEpisodes: [sw({ SW_DEC: '2025-08-01' }), sw({ SW_DECOM: '2025-08-09', SW_REASON: 'LEFTRL' })] }),
    details: ['The social worker episode from 9 August 2025 (reason “LEFTRL”) does not start within 7 days of the end of the one before, which ended on 1 August 2025.'],
  },
  // Missing periods and age 18, further
  {
    rule: R.missingEndsWithPlacement,
    pass: child({ episodes: move(), missing: [missing()] }),
    fail: child({ episodes: move(), missing: [missing({ MIS_END: null })] }),
    details: ['The missing period from 1 June 2025 has no end date, but the episode it started in has ended.'],
  },
  {
    rule: R.missingAt18EndsCare,
    pass: withDob('2007-09-01', { episodes: [ep({ DEC: '2025-09-01', REC: 'E8' })], missing: [missing({ MIS_START: '2025-08-20', MIS_END: '2025-09-01' })] }),
    fail: withDob('2007-09-01', { episodes: [ep({ DEC: '2025-09-01', REC: 'E4A' })], missing: [missing({ MIS_START: '2025-08-20', MIS_END: '2025-09-01' })] }),
    details: ['The episode from 1 May 2025 to 1 September 2025 ends on the 18th birthday, when a missing period also ended, with reason “E4A” rather than E8.'],
  },
  {
    rule: R.over18InCommunityHome,
    pass: withDob('2007-09-01', { episodes: [ep({ LS: 'V2', PLACE: 'K2' })] }),
    fail: withDob('2007-09-01'),
    details: ['The open episode from 1 May 2025 is open at 31 March, after the 18th birthday (1 September 2025), under C2 in U4.'],
  },
];

for (const c of CASES) {
  const { rule } = c;
  test(`${rule.rule} ${rule.name}`, () => {
    const y = c.year ?? Y2526;
    assert.deepEqual(failuresOf(rule, c.pass, y, c.previous), [], 'the passing fixture passes');
    const failures = failuresOf(rule, c.fail, y, c.previous);
    assert.deepEqual(
      failures.map((f) => f.message),
      c.details.map((d) => `${d} ${rule.howToFix}`),
    );
    for (const f of failures) {
      assert.equal(f.childId, 'C1');
      assert.equal(f.rule, rule.rule);
      assert.equal(f.dfeMessage, rule.dfeMessage);
      assert.equal(f.howToFix, rule.howToFix);
      assert.equal(f.severity, rule.severity);
      assert.equal(f.area, rule.area);
    }
  });
}

test('every registered rule has a passing and a failing fixture, and rule numbers are unique', () => {
  const numbers = RULES.map((r) => r.rule);
  assert.equal(new Set(numbers).size, numbers.length);
  assert.deepEqual(
    numbers.filter((n) => !CASES.some((c) => c.rule.rule === n)),
    [],
  );
  assert.equal(CASES.length, RULES.length);
});

test('every registered rule is listed in docs/rules/ssda903-validation.md', () => {
  const doc = readFileSync(new URL('../../../docs/rules/ssda903-validation.md', import.meta.url), 'utf8');
  assert.deepEqual(
    RULES.filter((r) => !doc.includes(`| ${r.rule} |`)).map((r) => r.rule),
    [],
  );
});

// ---------------------------------------------------------------------------------------------
// Year-dependent codes and rules
// ---------------------------------------------------------------------------------------------

test('SEX: 1 and 2 up to 2023-24, M, F and U from 2024-25; U is only a warning', () => {
  const y2324 = year('2023-24');
  assert.deepEqual(failuresOf(R.sexValid, child({ header: header({ SEX: '2' }) }), y2324), []);
  assert.equal(failuresOf(R.sexValid, child(), y2324).length, 1);
  assert.deepEqual(failuresOf(R.sexValid, child({ header: header({ SEX: 'U' }) }), year('2024-25')), []);
  const [warning] = failuresOf(R.sexUnknown, child({ header: header({ SEX: 'U' }) }), year('2024-25'));
  assert.equal(warning?.severity, 'warning');
  assert.ok(!rulesFor('2023-24').includes(R.sexUnknown));
});

test('PLACE by year: H5 and P2 end in 2023-24, K3 starts in 2024-25, Z1 becomes Z11–Z14 in 2025-26', () => {
  const placeOk = (place: string, label: string) => failuresOf(R.placeValid, child({ episodes: [ep({ PLACE: place, URN: null, PLACE_PROVIDER: null })] }), year(label)).length === 0;
  assert.equal(placeOk('H5', '2023-24'), true);
  assert.equal(placeOk('H5', '2024-25'), false);
  assert.equal(placeOk('P2', '2023-24'), true);
  assert.equal(placeOk('P2', '2024-25'), false);
  assert.equal(placeOk('K3', '2023-24'), false);
  assert.equal(placeOk('K3', '2024-25'), true);
  assert.equal(placeOk('Z1', '2024-25'), true);
  assert.equal(placeOk('Z1', '2025-26'), false);
  assert.equal(placeOk('Z11', '2024-25'), false);
  assert.equal(placeOk('Z14', '2025-26'), true);
});

test('rules apply only in their years: K3 age (371) from 2024-25, social worker rules from 2023-24', () => {
  assert.ok(!rulesFor('2023-24').includes(R.supportedAccommodationAge));
  assert.ok(rulesFor('2024-25').includes(R.supportedAccommodationAge));
  assert.ok(!rulesFor('2022-23').includes(R.swIdFormat));
  assert.ok(rulesFor('2023-24').includes(R.swIdFormat));
  assert.deepEqual(validateChild(child({ swEpisodes: [sw({ SW_ID: 'bad' })] }), year('2022-23')).filter((f) => f.rule === 'SW02STG1'), []);
});

// ---------------------------------------------------------------------------------------------
// Further cases of the rules with several ways to fail
// ---------------------------------------------------------------------------------------------

test('168: a missing UPN is reported as missing', () => {
  const [f] = failuresOf(R.upnValid, child({ header: header({ UPN: '' }) }));
  assert.equal(f?.message, `No UPN is recorded. ${R.upnValid.howToFix}`);
});

test('388: an ending other than X1 when the next episode starts the same day, and X1 followed by a gap', () => {
  const sameDay = failuresOf(R.continuationX1, child({ episodes: move({ REC: 'E4A' }) }));
  assert.deepEqual(
    sameDay.map((f) => f.message),
    [`The episode from 1 May 2025 to 1 August 2025 ends with E4A but another episode starts the same day: it should end with X1. ${R.continuationX1.howToFix}`],
  );
  const gap = failuresOf(R.continuationX1, child({ episodes: move({}, { DECOM: '2025-08-05' }) }));
  assert.deepEqual(
    gap.map((f) => f.message),
    [`The episode from 1 May 2025 to 1 August 2025 ends with X1 but the next episode starts on 5 August 2025. ${R.continuationX1.howToFix}`],
  );
});

test('361: chained episodes under police protection count together, and an open one runs to 31 March', () => {
  const chained = [ep({ LS: 'L1', DEC: '2025-05-03', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }), ep({ DECOM: '2025-05-03', RNE: 'P', LS: 'L1', PLACE: 'U6', PL_POST: 'NE5 2CD', DEC: '2025-05-06', REC: 'X1' }), ep({ DECOM: '2025-05-06', RNE: 'L', LS: 'C1', PLACE: 'U6', PL_POST: 'NE5 2CD' })];
  const failures = failuresOf(R.policeProtectionLimit, child({ episodes: chained }));
  assert.deepEqual(
    failures.map((f) => f.rowIndex),
    [0, 1],
  );
  const open = failuresOf(R.policeProtectionLimit, child({ episodes: [ep({ DECOM: '2026-03-20', LS: 'L1' })] }));
  assert.match(open[0]?.message ?? '', /^Legal status L1 lasts 11 days from 20 March 2026 \(still open at 31 March\)/);
});

test('218: an episode that ended before the year began needs no URN', () => {
  const rows = child({ episodes: [ep({ DECOM: '2024-06-01', DEC: '2025-03-01', REC: 'X1', URN: null, REASON_PLACE_CHANGE: 'CARPL' }), ep({ DECOM: '2025-03-01', RNE: 'P', PLACE: 'U6', PL_POST: 'NE5 2CD' })] });
  assert.deepEqual(failuresOf(R.urnRequired, rows), []);
});

test('SW13STG1: every social worker episode starting on or after 1 April 2023 has a reason, the first one too; earlier ones may have none', () => {
  const rows = child({ swEpisodes: [sw({ SW_DECOM: '2024-01-10', SW_DEC: '2024-12-01', SW_REASON: null }), sw({ SW_ID: 'SW222222', SW_DECOM: '2024-12-01', SW_REASON: null })] });
  assert.deepEqual(
    failuresOf(R.swReasonValid, rows).map((f) => f.rowIndex),
    [0, 1],
  );
  const before2023 = child({ swEpisodes: [sw({ SW_DECOM: '2023-03-31', SW_DEC: '2025-06-01', SW_REASON: null }), sw({ SW_ID: 'SW222222', SW_DECOM: '2025-06-01', SW_REASON: 'LEFTRL' })] });
  assert.deepEqual(failuresOf(R.swReasonValid, before2023), []);
});

test('SW17STG2 from 2025-26, SW01bSTG1 from 2024-25; SW11bSTG2 looks at the last five days of March only', () => {
  const ended = child({ swEpisodes: [sw({ SW_DEC: '2024-09-01' })] });
  assert.equal(failuresOf(R.socialWorkerOpenAt31March, ended, year('2025-26')).length, 1);
  assert.deepEqual(failuresOf(R.socialWorkerOpenAt31March, ended, year('2024-25')), []);
  assert.ok(!rulesFor('2023-24').includes(R.swEpisodeComplete));
  assert.ok(rulesFor('2024-25').includes(R.swEpisodeComplete));
  assert.deepEqual(failuresOf(R.socialWorkerFollowsAtYearEnd, child({ swEpisodes: [sw({ SW_DEC: '2026-03-25' })] })), []);
  assert.equal(failuresOf(R.socialWorkerFollowsAtYearEnd, child({ swEpisodes: [sw({ SW_DEC: '2026-03-26' })] })).length, 1);
  assert.equal(failuresOf(R.socialWorkerFollowsAtYearEnd, child({ swEpisodes: [sw({ SW_DEC: '2026-03-31' })] })).length, 1);
});

test('392a, 392b and 406: a child UASC last year counts as UASC this year; short breaks need no postcodes', () => {
  const noHome = child({ episodes: [ep({ HOME_POST: null })] });
  const lastYearUasc = child({ episodes: [], reviews: [], swEpisodes: [], uasc: [uascRow({ DUC: '2025-02-01' })] });
  assert.deepEqual(failuresOf(R.postcodesRecorded, noHome, Y2526, lastYearUasc), []);
  assert.deepEqual(failuresOf(R.distanceRecorded, noHome, Y2526, lastYearUasc), []);
  assert.equal(failuresOf(R.noDistanceForUasc, child(), Y2526, lastYearUasc).length, 1);
  assert.deepEqual(failuresOf(R.noDistanceForUasc, child()), []);
  assert.deepEqual(failuresOf(R.distanceRecorded, child({ episodes: [ep({ LS: 'V4', HOME_POST: null, PL_POST: null })], reviews: [] })), []);
  // UASC two years before, as Hearth's records say (not in either UASC file).
  const formerly = child({ episodes: [ep({ HOME_POST: null })], formerlyUasc: true });
  assert.deepEqual(failuresOf(R.postcodesRecorded, formerly), []);
  assert.equal(failuresOf(R.noDistanceForUasc, child({ formerlyUasc: true })).length, 1);
  const ret: Return903 = { year: Y2526, header: [header()], episodes: [ep({ HOME_POST: null })], uasc: [], reviews: [], missing: [], swEpisodes: [sw()] };
  assert.deepEqual(validateReturn(ret).map((f) => f.rule), ['392a', '392b']);
  assert.deepEqual(validateReturn({ ...ret, formerlyUasc: ['C1'] }), []);
});

// ---------------------------------------------------------------------------------------------
// Whole returns
// ---------------------------------------------------------------------------------------------

/** Five synthetic children with realistic histories: moves, temporary care, legal status changes, care ending, short breaks. */
function realisticReturns(): { current: Return903; previous: Return903 } {
  const H = (CHILD: string, SEX: string, DOB: string, ETHNIC: string, UPN: string): HeaderRow => ({ CHILD, SEX, DOB, ETHNIC, UPN, MOTHER: null, MC_DOB: null });
  const E = (CHILD: string, o: Partial<EpisodeRow> & Pick<EpisodeRow, 'DECOM' | 'RNE' | 'LS' | 'PLACE'>): EpisodeRow => ({
    CHILD,
    CIN: 'N1',
    PLACE_PROVIDER: 'PR1',
    DEC: null,
    REC: null,
    REASON_PLACE_CHANGE: null,
    HOME_POST: 'NE4 6SQ',
    PL_POST: 'NE12 8EX',
    URN: 'SC048291',
    ...o,
  });
  // A: on a care order since 2023, open at the start of the year; moves to long-term foster care, has a fortnight in
  // respite while the carers are on holiday, and changes social worker.
  const aOpen = E('A1001', { DECOM: '2024-01-20', RNE: 'L', LS: 'C2', PLACE: 'U6', HOME_POST: 'NE6 1AS', PL_POST: 'NE15 7QD' });
  const a: EpisodeRow[] = [
    { ...aOpen, DEC: '2025-06-30', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' },
    E('A1001', { DECOM: '2025-06-30', RNE: 'P', LS: 'C2', PLACE: 'U4', PLACE_PROVIDER: 'PR4', URN: 'SC512334', HOME_POST: 'NE6 1AS', PL_POST: 'NE28 9HU', DEC: '2025-08-10', REC: 'X1' }),
    E('A1001', { DECOM: '2025-08-10', RNE: 'P', LS: 'C2', PLACE: 'T3', PLACE_PROVIDER: null, URN: null, HOME_POST: 'NE6 1AS', PL_POST: 'NE29 0DJ', DEC: '2025-08-24', REC: 'X1' }),
    E('A1001', { DECOM: '2025-08-24', RNE: 'P', LS: 'C2', PLACE: 'U4', PLACE_PROVIDER: 'PR4', URN: 'SC512334', HOME_POST: 'NE6 1AS', PL_POST: 'NE28 9HU' }),
  ];
  // B: a baby under an emergency protection order, then an interim care order, then a care order and a move to
  // foster carers who are also approved adopters.
  const b: EpisodeRow[] = [
    E('B2002', { DECOM: '2025-04-15', RNE: 'S', LS: 'L2', PLACE: 'U6', CIN: 'N1', HOME_POST: 'NE4 9PQ', PL_POST: 'NE3 2DT', DEC: '2025-04-29', REC: 'X1' }),
    E('B2002', { DECOM: '2025-04-29', RNE: 'L', LS: 'C1', PLACE: 'U6', CIN: 'N1', HOME_POST: 'NE4 9PQ', PL_POST: 'NE3 2DT', DEC: '2025-11-03', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
    E('B2002', { DECOM: '2025-11-03', RNE: 'B', LS: 'C2', PLACE: 'U5', CIN: 'N1', PLACE_PROVIDER: 'PR2', URN: 'SC402117', HOME_POST: 'NE4 9PQ', PL_POST: 'DH1 4RP' }),
  ];
  // C: accommodated under section 20 since 2024, moves to supported accommodation at 16 and leaves care for a
  // supported independent living arrangement.
  const cOpen = E('C3003', { DECOM: '2024-11-01', RNE: 'S', LS: 'V2', PLACE: 'U6', CIN: 'N5', HOME_POST: 'NE8 3BN', PL_POST: 'NE10 0QR' });
  const c: EpisodeRow[] = [
    { ...cOpen, DEC: '2025-09-15', REC: 'X1', REASON_PLACE_CHANGE: 'CHILD' },
    E('C3003', { DECOM: '2025-09-15', RNE: 'P', LS: 'V2', PLACE: 'K3', CIN: 'N5', PLACE_PROVIDER: 'PR4', URN: '2712345', HOME_POST: 'NE8 3BN', PL_POST: 'NE1 5JE', DEC: '2026-02-01', REC: 'E5' }),
  ];
  // D: two short breaks (V3), with no postcodes, reviews or MOTHER.
  const d: EpisodeRow[] = [
    E('D4004', { DECOM: '2025-06-06', RNE: 'S', LS: 'V3', PLACE: 'U6', CIN: 'N2', HOME_POST: null, PL_POST: null, DEC: '2025-06-08', REC: 'E8' }),
    E('D4004', { DECOM: '2025-07-11', RNE: 'S', LS: 'V3', PLACE: 'U6', CIN: 'N2', HOME_POST: null, PL_POST: null, DEC: '2025-07-13', REC: 'E8' }),
  ];
  // E: placed with a family friend, then home to parents while still on an interim care order.
  const e: EpisodeRow[] = [
    E('E5005', { DECOM: '2025-10-01', RNE: 'S', LS: 'C1', PLACE: 'U3', CIN: 'N4', HOME_POST: 'NE5 3PX', PL_POST: 'NE7 7DN', DEC: '2026-01-15', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
    E('E5005', { DECOM: '2026-01-15', RNE: 'P', LS: 'C1', PLACE: 'P1', CIN: 'N4', PLACE_PROVIDER: 'PR0', URN: null, HOME_POST: 'NE5 3PX', PL_POST: 'NE5 3PX' }),
  ];
  const headers = [H('A1001', 'F', '2014-02-14', 'WBRI', 'T801200001001'), H('B2002', 'M', '2023-11-02', 'MWBA', 'UN1'), H('C3003', 'M', '2009-07-30', 'BAFR', 'R937261554012'), H('D4004', 'F', '2015-03-03', 'AIND', 'K120045678903'), H('E5005', 'F', '2018-01-20', 'WOTH', 'UN5')];
  const dob = (id: string) => headers.find((h) => h.CHILD === id)?.DOB as string;
  const current: Return903 = {
    year: Y2526,
    header: headers,
    episodes: [...a, ...b, ...c, ...d, ...e],
    uasc: [],
    reviews: [
      { CHILD: 'A1001', DOB: dob('A1001'), REVIEW: '2025-07-10', REVIEW_CODE: 'PN1' },
      { CHILD: 'A1001', DOB: dob('A1001'), REVIEW: '2026-01-08', REVIEW_CODE: 'PN2' },
      { CHILD: 'B2002', DOB: dob('B2002'), REVIEW: '2025-05-12', REVIEW_CODE: 'PN0' },
      { CHILD: 'B2002', DOB: dob('B2002'), REVIEW: '2025-10-20', REVIEW_CODE: 'PN0' },
      { CHILD: 'C3003', DOB: dob('C3003'), REVIEW: '2025-05-01', REVIEW_CODE: 'PN1' },
      { CHILD: 'C3003', DOB: dob('C3003'), REVIEW: '2025-11-01', REVIEW_CODE: 'PN5' },
      { CHILD: 'E5005', DOB: dob('E5005'), REVIEW: '2025-10-29', REVIEW_CODE: 'PN1' },
    ],
    missing: [
      { CHILD: 'A1001', DOB: dob('A1001'), MISSING: 'M', MIS_START: '2025-10-03', MIS_END: '2025-10-04' },
      { CHILD: 'C3003', DOB: dob('C3003'), MISSING: 'A', MIS_START: '2025-12-01', MIS_END: '2025-12-02' },
    ],
    swEpisodes: [
      { CHILD: 'A1001', DOB: dob('A1001'), SW_ID: 'SW104233', SW_DECOM: '2024-02-01', SW_DEC: '2025-09-01', SW_REASON: 'FCONTA' },
      { CHILD: 'A1001', DOB: dob('A1001'), SW_ID: 'SW118902', SW_DECOM: '2025-09-01', SW_DEC: null, SW_REASON: 'LEFTRL' },
      { CHILD: 'B2002', DOB: dob('B2002'), SW_ID: 'SW120077', SW_DECOM: '2025-04-15', SW_DEC: null, SW_REASON: 'FCONTA' },
      // C left care on 1 February 2026; the latest social worker episode is reported open (SW17STG2).
      { CHILD: 'C3003', DOB: dob('C3003'), SW_ID: 'XX00731', SW_DECOM: '2024-11-01', SW_DEC: null, SW_REASON: 'FCONTA' },
      { CHILD: 'E5005', DOB: dob('E5005'), SW_ID: 'SW131560', SW_DECOM: '2025-10-01', SW_DEC: null, SW_REASON: 'FCONTA' },
    ],
  };
  const previous: Return903 = {
    year: year('2024-25'),
    header: [headers[0] as HeaderRow, headers[2] as HeaderRow],
    episodes: [aOpen, cOpen],
    uasc: [],
    reviews: [],
    missing: [],
    swEpisodes: [],
  };
  return { current, previous };
}

test('a clean, realistic return with last year’s gives no failures', () => {
  const { current, previous } = realisticReturns();
  assert.deepEqual(validateReturn(current, previous), []);
  assert.deepEqual(validateReturn(current), []);
});

test('validateReturn reports the child and the row in the return’s own files', () => {
  const { current, previous } = realisticReturns();
  const episodes = current.episodes.map((e) => (e.CHILD === 'B2002' && e.RNE === 'B' ? { ...e, URN: null } : e));
  const reviews = current.reviews.map((r) => (r.CHILD === 'A1001' && r.REVIEW === '2026-01-08' ? { ...r, REVIEW_CODE: 'PN0' } : r));
  const failures = validateReturn({ ...current, episodes, reviews }, previous);
  assert.deepEqual(
    failures.map((f) => [f.childId, f.rule, f.file, f.rowIndex]),
    [
      ['A1001', '440', 'reviews', 1],
      ['B2002', '218', 'episodes', 6],
    ],
  );
});

test('validateReturn groups each child’s rows whatever the header’s order: out of order, a child twice, a child with no header row', () => {
  const { current } = realisticReturns();
  // Every episode without its URN, so that every child has findings (218) in the episodes file.
  const episodes = current.episodes.map((e) => ({ ...e, URN: null }));
  const key = (f: { childId: string; rule: string; file?: string; rowIndex?: number }) => `${f.childId} ${f.rule} ${f.file} ${f.rowIndex}`;
  const inOrder = validateReturn({ ...current, episodes });
  const ids = [...new Set(inOrder.map((f) => f.childId))];
  assert.ok(ids.length >= 3);
  // The header reversed, with its first child twice: the same findings, the children in the header's order.
  const reversed = [...current.header].reverse();
  const shuffled = validateReturn({ ...current, episodes, header: [...reversed, reversed[0] as HeaderRow] });
  assert.deepEqual(shuffled.map(key).sort(), inOrder.map(key).sort());
  assert.deepEqual([...new Set(shuffled.map((f) => f.childId))], [...ids].reverse());
  // A child with episodes but no header row comes after the children of the header.
  const first = ids[0] as string;
  const headerless = validateReturn({ ...current, episodes, header: current.header.filter((h) => h.CHILD !== first) });
  assert.deepEqual([...new Set(headerless.map((f) => f.childId))], [...ids.slice(1), first]);
  assert.deepEqual(
    headerless.filter((f) => f.childId === first && f.file === 'episodes').map(key),
    inOrder.filter((f) => f.childId === first && f.file === 'episodes').map(key),
  );
});

test('validateReturn compares with last year: a changed start date of the carried-over episode fails 502', () => {
  const { current, previous } = realisticReturns();
  const moved = { ...previous, episodes: previous.episodes.map((e) => (e.CHILD === 'C3003' ? { ...e, DECOM: '2024-10-28' } : e)) };
  const failures = validateReturn(current, moved);
  assert.deepEqual(
    failures.map((f) => [f.childId, f.rule, f.rowIndex]),
    [['C3003', '502', 7]],
  );
});

test('validateChild numbers rows within the child’s own rows, whatever order they come in', () => {
  const rows = child({ episodes: [ep({ DECOM: '2025-08-01', RNE: 'P', PLACE: 'U6', URN: null, PL_POST: 'NE5 2CD' }), ep({ DEC: '2025-08-01', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' })] });
  assert.deepEqual(
    validateChild(rows, Y2526).map((f) => [f.rule, f.file, f.rowIndex]),
    [['218', 'episodes', 0]],
  );
});

test('205A, 205B: the date UASC status ceased across the two years', () => {
  const thisYear = child({ episodes: [carried({ HOME_POST: null })] });
  const ceasedLastYear = child({ episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ DUC: '2025-01-15' })] });
  assert.deepEqual(failuresOf(R.uascCeasedLastYear, thisYear, Y2526, ceasedLastYear), [], 'ceased in last year: not UASC this year');
  // Without last year's return nothing is compared.
  assert.deepEqual(failuresOf(R.uascCeasedLastYear, thisYear), []);
  const stillUasc = child({ episodes: [carried({ HOME_POST: null })], uasc: [uascRow({ DUC: '2025-09-01' })] });
  const blankLastYear = child({ episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ DUC: null })] });
  assert.deepEqual(
    failuresOf(R.uascContinuesAt18, stillUasc, Y2526, blankLastYear).map((f) => f.message.split('. ')[0]),
    ['The child was UASC last year and this year, but last year’s date UASC status ceased is blank, not the 18th birthday (10 May 2030)'],
  );
  const at18LastYear = child({ episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ DUC: '2030-05-10' })] });
  assert.deepEqual(failuresOf(R.uascContinuesAt18, stillUasc, Y2526, at18LastYear), [], 'ceased in this year');
  // 29 February: the 18th birthday in a common year is 28 February.
  const leap = { DOB: '2008-02-29' };
  const leapLast = child({ header: header(leap), episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ ...leap, DUC: '2026-02-28' })] });
  const leapNow = child({ header: header(leap), episodes: [carried({ HOME_POST: null })], reviews: [], swEpisodes: [], uasc: [uascRow({ ...leap, DUC: '2026-02-28' })] });
  assert.deepEqual(failuresOf(R.uascContinuesAt18, leapNow, Y2526, leapLast), []);
});

test('453 and 503G: the same postcodes carry over; a changed home postcode is 503G only when the RNE differs', () => {
  const previous = lastYear([carried()]);
  assert.deepEqual(failuresOf(R.carriedOverDistance, child({ episodes: [carried({ HOME_POST: null })] }), Y2526, previous), [], 'a distance that disappears is not flagged (the validator neither)');
  assert.equal(failuresOf(R.carriedOverDistanceSameRne, child({ episodes: [carried({ HOME_POST: 'NE2 2ZZ' })] }), Y2526, previous).length, 1);
  assert.deepEqual(failuresOf(R.carriedOverDistanceSameRne, child({ episodes: [carried({ HOME_POST: 'NE2 2ZZ', RNE: 'P' })] }), Y2526, previous), []);
  assert.deepEqual(failuresOf(R.carriedOverDistance, child({ episodes: [carried({ HOME_POST: 'NE2 2ZZ' })] }), Y2526, lastYear([carried({ DEC: '2025-03-01', REC: 'E8' })])), [], 'last year ended closed');
});

test('a child adopted in the year, with their AD1 and PlacedAdoption rows, passes every rule', () => {
  assert.deepEqual(validateChild(adopted(), Y2526), []);
  // The adoption rows are read from the return like the others, with their indices in its files.
  const ret: Return903 = { year: Y2526, header: [header()], episodes: adoptedEpisodes(), uasc: [], reviews: [review()], missing: [], swEpisodes: [sw()], ad1: [ad1({ SEX_ADOPTR: null })], placedAdoption: [placed()] };
  assert.deepEqual(validateReturn(ret).map((f) => [f.rule, f.file, f.rowIndex]), [['151', 'ad1', 0], ['520', 'ad1', 0], ['601', 'episodes', 2], ['601', 'ad1', 0]]);
});

test('a rule run only for children with some rows (adoption, last year’s, missing, UASC) or codes finds nothing for the others', () => {
  // Every fixture above, with and without last year's rows: the rules skipped by onlyWith find nothing when run anyway.
  for (const c of CASES) {
    for (const rows of [c.pass, c.fail]) {
      for (const previous of [c.previous ?? null, null]) {
        const ctx = buildContext(indexChildRows(rows), c.year ?? Y2526, previous);
        for (const rule of RULES) if (!ruleApplies(rule, ctx)) assert.deepEqual(rule.check(ctx), [], `${rule.rule} on the fixture of ${c.rule.rule}`);
      }
    }
  }
});

test('the checks skip rules without changing what they find: every fixture gives what every rule run on it finds', () => {
  for (const c of CASES) {
    for (const rows of [c.pass, c.fail]) {
      for (const previous of [c.previous ?? null, null]) {
        const year = c.year ?? Y2526;
        const ctx = buildContext(indexChildRows(rows), year, previous);
        const everyRule = rulesFor(year).flatMap((rule) => rule.check(ctx).map((f) => [rule.rule, f.file, f.index, f.detail]));
        const found = validateChild(rows, year, previous).map((f) => [f.rule, f.file, f.rowIndex, f.message.slice(0, f.message.length - (f.howToFix ?? '').length - 1)]);
        assert.deepEqual(found, everyRule, `the fixture of ${c.rule.rule}`);
      }
    }
  }
  // And some rules are skipped for some fixtures, so the comparison above tests the skipping.
  const skipped = CASES.filter((c) => RULES.some((rule) => !ruleApplies(rule, buildContext(indexChildRows(c.pass), c.year ?? Y2526, null)))).length;
  assert.ok(skipped > 0);
});
