/** Small HTML helpers for presenters that put links into GOV.UK macro `html` options. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

export function link(href: string, text: string): string {
  return `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
}
