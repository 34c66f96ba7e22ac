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

export type LocalTimescales = { psmWorkingDays: number; reviewFeedbackWorkingDays: number };

let current: LocalTimescales = { psmWorkingDays: DEFAULT_PSM_WORKING_DAYS, reviewFeedbackWorkingDays: DEFAULT_REVIEW_FEEDBACK_WORKING_DAYS };

export function localTimescales(): LocalTimescales {
  return current;
}

/** Set at start-up from the configuration. Whole working days, 1 to 60. */
export function setLocalTimescales(next: LocalTimescales): void {
  if (!Number.isInteger(next.psmWorkingDays) || next.psmWorkingDays < 1 || next.psmWorkingDays > 60) {
    throw new Error(`The Placement Support Meeting timescale must be a whole number of working days from 1 to 60 (given ${next.psmWorkingDays})`);
  }
  if (!Number.isInteger(next.reviewFeedbackWorkingDays) || next.reviewFeedbackWorkingDays < 1 || next.reviewFeedbackWorkingDays > 30) {
    throw new Error(`The review feedback timescale must be a whole number of working days from 1 to 30 (given ${next.reviewFeedbackWorkingDays})`);
  }
  current = { ...next };
}
