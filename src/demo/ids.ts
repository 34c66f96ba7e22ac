/**
 * Ids for the records the demo adds beside the generated authority (planning records, stability, moves,
 * the panel, and the worked scenarios): derived from a name, so the same authority always gets the same
 * ids, and salted with the generated authority's own id, so another authority (another seed, or a reset)
 * never reuses one, and old audit rows never point at new records.
 */
export function demoId(salt: string, name: string): string {
  const text = `${salt}|${name}`;
  let h1 = 0x2545f491;
  let h2 = 0x9e3779b9;
  let h3 = 0x85ebca6b;
  let h4 = 0xc2b2ae35;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 + c, 2246822519) >>> 0;
    h3 = Math.imul(h3 ^ (c + i), 3266489917) >>> 0;
    h4 = Math.imul(h4 + (c ^ h1), 668265263) >>> 0;
  }
  const hex = [h1, h2, h3, h4].map((h) => h.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id maker of one module's scenario records for this generated authority. */
export function demoIdsFor(data: { organisations: readonly { id: string }[] }, module: string): (name: string) => string {
  const salt = `${data.organisations[0]?.id ?? ''}:${module}`;
  return (name) => demoId(salt, name);
}
