/** The SSDA903 return as data: the files offered, the check's summary, its failures and contradictions, each with a link to put it right. */
import { XML_FILE_NAME, type FixTarget, type ReturnCheck } from '../../services/ssda903.ts';
import { ADOPTION_FILE_NAMES, RETURN_FILE_NAMES, hasSwEpisodesFile } from '../../domain/ssda903/write.ts';
import { paths } from '../../http/paths.ts';
import { formatDate, linkTo, tagPart, text, type Cell } from './common.ts';

/** The Hearth page where a failure is put right. */
export function fixHref(fix: FixTarget): string {
  return fix.kind === 'placement' ? paths.placements.show(fix.id) : paths.children.show(fix.id);
}

const FIX_TEXT = { placement: 'Correct the placement', child: "Correct the child's record" } as const;

/** The files of a year's return, in the order they are offered for download. */
export function returnFileNames(year: string): string[] {
  return [...Object.values(RETURN_FILE_NAMES).filter((n) => n !== RETURN_FILE_NAMES.swEpisodes || hasSwEpisodesFile(year)), ...Object.values(ADOPTION_FILE_NAMES), XML_FILE_NAME];
}

/** The files of a year's return with their download links. */
export const returnFiles = (year: string) => returnFileNames(year).map((name) => ({ name, href: paths.returns.ssda903File(year, name) }));

/** What a failure says without its "how to fix", which has a column of its own. */
function detailOf(message: string, howToFix: string | undefined): string {
  return howToFix && message.endsWith(howToFix) ? message.slice(0, message.length - howToFix.length).trim() : message;
}

function childCell(reference: string, childRecordId: string | null): Cell {
  return childRecordId ? { parts: [linkTo(paths.children.show(childRecordId), reference)] } : { text: reference };
}

function fixCell(t: string, fix: FixTarget | undefined): Cell {
  return { parts: [text(t), ...(fix ? [linkTo(fixHref(fix), FIX_TEXT[fix.kind])] : [])] };
}

/** The result of checking a year's data: counts, then each failure and each contradiction as table rows. */
export function presentCheck(check: ReturnCheck) {
  const errors = check.failures.filter((f) => f.severity !== 'warning').length;
  return {
    summary: { children: check.children, episodes: check.episodes, errors, warnings: check.failures.length - errors, problems: check.problems.length },
    failureRows: check.failures.map((f): Cell[] => [
      childCell(f.childReference, f.childRecordId),
      { text: f.rule },
      { text: detailOf(f.message, f.howToFix) },
      fixCell(f.howToFix ?? '', f.fix),
      { parts: [tagPart(f.severity === 'warning' ? { text: 'Warning', classes: 'govuk-tag--yellow' } : { text: 'Error', classes: 'govuk-tag--red' })] },
    ]),
    problemRows: check.problems.map((p): Cell[] => [childCell(p.childReference, p.childRecordId), { text: formatDate(p.date) }, fixCell(p.message, p.fix)]),
  };
}

/** The years offered, the chosen one selected and the current one marked. */
export const yearItems = (labels: readonly string[], year: string, current: string) => labels.map((l) => ({ value: l, text: `${l}${l === current ? ' (current year, so far)' : ''}`, selected: l === year }));
