/**
 * A minimal PDF writer for tests: pages with text placed at given positions and ruling lines, in the form Chinese
 * government PDFs take — text in a non-embedded CJK font (STSong-Light, Adobe-GB1, encoded UniGB-UCS2-H), which PDF
 * readers map back to Unicode through the standard CMaps; rules drawn as thin filled rectangles or stroked lines.
 * Coordinates are top-down in points (y = distance from the top of the page to the text's baseline), as a reader
 * of the page would measure them. No dependency: the tests generate every PDF they read.
 */

export interface PdfText {
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  size?: number;
  /** Right-align at x (numbers in a table). */
  right?: boolean;
}

export interface PdfLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Draw as a filled thin rectangle (as Excel/WPS exports do) instead of a stroked line. */
  asRect?: boolean;
}

export interface PdfPageSpec {
  width?: number;
  height?: number;
  texts: PdfText[];
  lines?: PdfLine[];
}

/** Width of a string in STSong-Light at size 1: CJK full width, ASCII half width (the font's own metrics). */
export function textWidth(text: string, size = 12): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) as number) < 0x2e80 ? 0.5 : 1;
  return w * size;
}

const hex = (text: string) => {
  let out = "";
  for (let i = 0; i < text.length; i++) out += text.charCodeAt(i).toString(16).padStart(4, "0");
  return out;
};

/** The bytes of a PDF of these pages. `textLayer: false` draws text as paths only (a scanned-like PDF: no text). */
export function makePdf(pages: PdfPageSpec[], opts: { textLayer?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (body: string) => {
    objects.push(body);
    return objects.length;
  };
  const catalog = add("");
  const pagesObj = add("");
  const cidFont = add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor " + (objects.length + 2) + " 0 R /DW 1000 /W [1 95 500] >>");
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFont} 0 R] >>`);
  add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>");
  const kids: number[] = [];
  for (const p of pages) {
    const width = p.width ?? 842;
    const height = p.height ?? 595;
    const ops: string[] = ["0 0 0 rg 0 0 0 RG 0.5 w"];
    for (const l of p.lines ?? []) {
      const [x0, x1] = [Math.min(l.x0, l.x1), Math.max(l.x0, l.x1)];
      const [y0, y1] = [height - Math.max(l.y0, l.y1), height - Math.min(l.y0, l.y1)];
      if (l.asRect) ops.push(`${x0.toFixed(2)} ${y0.toFixed(2)} ${Math.max(0.5, x1 - x0).toFixed(2)} ${Math.max(0.5, y1 - y0).toFixed(2)} re f`);
      else ops.push(`${l.x0.toFixed(2)} ${(height - l.y0).toFixed(2)} m ${l.x1.toFixed(2)} ${(height - l.y1).toFixed(2)} l S`);
    }
    for (const t of p.texts) {
      const size = t.size ?? 12;
      const x = t.right ? t.x - textWidth(t.text, size) : t.x;
      if (opts.textLayer === false) {
        // A box where the text would be: ink without a text layer.
        ops.push(`${x.toFixed(2)} ${(height - t.y).toFixed(2)} ${textWidth(t.text, size).toFixed(2)} ${(size * 0.8).toFixed(2)} re f`);
      } else ops.push(`BT /F1 ${size} Tf 1 0 0 1 ${x.toFixed(2)} ${(height - t.y).toFixed(2)} Tm <${hex(t.text)}> Tj ET`);
    }
    const stream = ops.join("\n");
    const content = add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${width} ${height}] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObj} 0 R >>`;
  objects[pagesObj - 1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`;
  let out = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, "latin1"));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, "latin1");
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, "latin1"));
}
