import type { FixTarget } from '../../services/ssda903.ts';
import { paths } from '../../http/paths.ts';

/** The Hearth page where a failure is put right. */
export function fixHref(fix: FixTarget): string {
  return fix.kind === 'placement' ? paths.placements.show(fix.id) : paths.children.show(fix.id);
}
