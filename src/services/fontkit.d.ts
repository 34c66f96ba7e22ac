/** fontkit (pdfkit's font engine) ships no types; these are the parts Hearth uses (services/pdf.ts). */
declare module 'fontkit' {
  /** A parsed font: the code points it has a glyph for, and the glyph for one of them. */
  export interface Font {
    readonly characterSet: number[];
    glyphForCodePoint(codePoint: number): object;
  }
  /** Parses a TrueType/OpenType font file into the font object pdfkit embeds. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
