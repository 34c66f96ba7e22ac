/**
 * Anonymising what is shared about a child: `redact` for any free text, `anonymisedSummary` for the
 * summary sent to the social workers of children already living in a proposed household.
 * See docs/rules/anonymised-summary.md.
 */
export { REDACTION_MARKER, redact, redactor, type Identifiers } from './redact.ts';
export { SOON_DAYS, anonymisedSummary, summaryIdentifiers, type AnonymiseInput, type AnonymisedSummary, type PersonToAnonymise, type SummarySection } from './summary.ts';
