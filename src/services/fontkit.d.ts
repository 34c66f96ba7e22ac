/** fontkit (pdfkit's font engine) ships no types; this is the one function Hearth calls (services/pdf.ts). */
declare module 'fontkit' {
  /** Parses a TrueType/OpenType font file into the font object pdfkit embeds. */
  export function create(buffer: Uint8Array, postscriptName?: string): object;
}
