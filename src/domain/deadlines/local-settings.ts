/**
 * Timescales an authority sets for itself, where the procedure gives none in numbers. The values are
 * set once, at start-up, from the configuration (src/config.ts reads the environment; the server and
 * the commands pass the values here before anything is derived). Until then, and in tests, the
 * defaults apply. The rules' texts read them, so RULES_VERSION changes with them and the stored
 * obligations are rebuilt when an authority changes one.
 */

/**
 * Working days from a concern about a placement to the Placement Support Meeting it needs. The
 * Placement stability guidance says only "as soon as there are signs that a placement is becoming
 * unstable" and refers to a local chapter (5.1.7, "Placement Support Meetings") that Hearth does
 * not have; 5 working days is Hearth's default, the same as the Placement Planning Meeting's.
 */
export const DEFAULT_PSM_WORKING_DAYS = 5;

/**
 * Working days before a looked-after review by which the carers' and keyworker's written feedback
 * for it is due. The Placement stability guidance says only that they "feedback into all CLA review
 * processes"; 5 working days before the review is Hearth's default, so the IRO has it to read.
 */
export const DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS = 5;

/**
 * Working days from the day a child's permanence plan came to include adoption (or that it may) to
 * the recorded decision on placing the child with dual-approved carers (Children Act 1989
 * s22C(9A)–(9B)). The Act sets the duty to consider but no time for it; 10 working days is Hearth's
 * default, so that the decision is made before a placement is needed.
 */
export const DEFAULT_EARLY_PERMANENCE_WORKING_DAYS = 10;

/** The settings; those left out take their defaults. */
export type LocalTimescales = { psmWorkingDays: number; reviewFeedbackWorkingDays?: number; earlyPermanenceWorkingDays?: number };

let current: Required<LocalTimescales> = {
  psmWorkingDays: DEFAULT_PSM_WORKING_DAYS,
  reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS,
  earlyPermanenceWorkingDays: DEFAULT_EARLY_PERMANENCE_WORKING_DAYS,
};

export function localTimescales(): Required<LocalTimescales> {
  return current;
}

/** Set at start-up from the configuration. Whole working days, 1 to 60. */
export function setLocalTimescales(next: LocalTimescales): void {
  if (!Number.isInteger(next.psmWorkingDays) || next.psmWorkingDays < 1 || next.psmWorkingDays > 60) {
    throw new Error(`The Placement Support Meeting timescale must be a whole number of working days from 1 to 60 (given ${next.psmWorkingDays})`);
  }
  const rf = next.reviewFeedbackWorkingDays ?? DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS;
  if (!Number.isInteger(rf) || rf < 1 || rf > 30) {
    throw new Error(`The review feedback timescale must be a whole number of working days from 1 to 30 (given ${rf})`);
  }
  const ep = next.earlyPermanenceWorkingDays ?? DEFAULT_EARLY_PERMANENCE_WORKING_DAYS;
  if (!Number.isInteger(ep) || ep < 1 || ep > 60) {
    throw new Error(`The early permanence decision timescale must be a whole number of working days from 1 to 60 (given ${ep})`);
  }
  current = { psmWorkingDays: next.psmWorkingDays, reviewFeedbackWorkingDays: rf, earlyPermanenceWorkingDays: ep };
}
