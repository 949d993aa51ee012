/**
 * What a PDF holds for reading its tables: per page, the text items with their boxes and the ruling lines drawn on it,
 * in top-down page coordinates (points). Read with PDF.js (`pdfjs-dist`), no rendering; CJK fonts that are not
 * embedded are mapped to Unicode through PDF.js's standard CMaps (shipped in the package, read from disk: no network).
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface PdfItem {
  /** Left and right edge, top and bottom of the glyph box (top-down: y grows downwards). */
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  /** The baseline. */
  y: number;
  text: string;
}

/** A horizontal (y fixed) or vertical (x fixed) ruling line. */
export interface Rule {
  dir: "h" | "v";
  /** The fixed coordinate. */
  at: number;
  from: number;
  to: number;
}

export interface PdfPage {
  no: number;
  width: number;
  height: number;
  items: PdfItem[];
  rules: Rule[];
}

export interface PdfDocument {
  pages: PdfPage[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];

/** A line thinner than this is a rule; a filled rectangle thicker in both directions is shading, not a rule. */
const RULE_THICKNESS = 2.5;
/** Shorter segments are glyph strokes or ticks, not table rules. */
const MIN_RULE = 4;

function pdfjsPaths(): { cMapUrl: string; standardFontDataUrl: string } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("pdfjs-dist/package.json"));
  // In Node, PDF.js reads these with the file system: plain paths, not file: URLs.
  return { cMapUrl: `${join(root, "cmaps")}/`, standardFontDataUrl: `${join(root, "standard_fonts")}/` };
}

/**
 * Reads a PDF's pages. Throws an Error with a plain message if PDF.js cannot open it (damaged, encrypted).
 */
export async function readPdf(bytes: Uint8Array): Promise<PdfDocument> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const { OPS } = pdfjs;
  const paths = pdfjsPaths();
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes), // a copy, and never a Buffer (PDF.js refuses those)
    ...paths,
    cMapPacked: true,
    useSystemFonts: false,
    disableFontFace: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  const pages: PdfPage[] = [];
  try {
    for (let no = 1; no <= doc.numPages; no++) {
      const page = await doc.getPage(no);
      const vp = page.getViewport({ scale: 1 });
      const toPage = (x: number, y: number): [number, number] => vp.convertToViewportPoint(x, y) as [number, number];
      const items: PdfItem[] = [];
      const content = await page.getTextContent();
      for (const raw of content.items) {
        if (!("str" in raw) || raw.str.trim() === "") continue;
        const t = raw.transform as Matrix;
        // From the baseline origin along the text's direction for its width; its font size up from the baseline.
        const scale = Math.hypot(t[0], t[1]) || 1;
        const size = raw.height || Math.hypot(t[2], t[3]) || 10;
        const [ax, ay] = toPage(t[4], t[5]);
        const [bx, by] = toPage(t[4] + (raw.width * t[0]) / scale, t[5] + (raw.width * t[1]) / scale);
        items.push({ x0: Math.min(ax, bx), x1: Math.max(ax, bx), y: (ay + by) / 2, top: Math.min(ay, by) - size * 0.88, bottom: Math.max(ay, by) + size * 0.12, text: raw.str });
      }
      const rules: Rule[] = [];
      const ops = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      const addSegment = (x0: number, y0: number, x1: number, y1: number) => {
        const [ax, ay] = toPage(...apply(ctm, x0, y0));
        const [bx, by] = toPage(...apply(ctm, x1, y1));
        if (Math.abs(ay - by) < 0.5 && Math.abs(ax - bx) >= MIN_RULE) rules.push({ dir: "h", at: (ay + by) / 2, from: Math.min(ax, bx), to: Math.max(ax, bx) });
        else if (Math.abs(ax - bx) < 0.5 && Math.abs(ay - by) >= MIN_RULE) rules.push({ dir: "v", at: (ax + bx) / 2, from: Math.min(ay, by), to: Math.max(ay, by) });
      };
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
        else if (fn === OPS.transform) ctm = multiply(ctm, args as Matrix);
        else if (fn === OPS.paintFormXObjectBegin) {
          stack.push(ctm);
          const m = args[0] as Matrix | null;
          if (m) ctm = multiply(ctm, m);
        } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
        else if (fn === OPS.constructPath) {
          const paint = args[0] as number;
          if (paint === OPS.endPath) continue; // a clipping path: not drawn
          const stroked = paint === OPS.stroke || paint === OPS.closeStroke || paint === OPS.fillStroke || paint === OPS.eoFillStroke || paint === OPS.closeFillStroke || paint === OPS.closeEOFillStroke;
          const data = ((args[1] as ArrayLike<number>[] | undefined)?.[0] ?? []) as ArrayLike<number>;
          // Split into subpaths of straight segments.
          const subpaths: [number, number][][] = [];
          let current: [number, number][] = [];
          for (let k = 0; k < data.length; ) {
            const op = data[k] as number;
            if (op === 0) {
              if (current.length > 0) subpaths.push(current);
              current = [[data[k + 1] as number, data[k + 2] as number]];
              k += 3;
            } else if (op === 1) {
              current.push([data[k + 1] as number, data[k + 2] as number]);
              k += 3;
            } else if (op === 2) {
              current.push([data[k + 5] as number, data[k + 6] as number]);
              k += 7;
            } else if (op === 3) {
              current.push([data[k + 3] as number, data[k + 4] as number]);
              k += 5;
            } else {
              if (current.length > 0) current.push(current[0] as [number, number]);
              k += 1;
            }
          }
          if (current.length > 0) subpaths.push(current);
          for (const sp of subpaths) {
            if (stroked) {
              for (let k = 1; k < sp.length; k++) addSegment(...(sp[k - 1] as [number, number]), ...(sp[k] as [number, number]));
              continue;
            }
            // A filled shape is a rule when it is a thin rectangle: its long middle line.
            const pts = sp.map(([x, y]) => toPage(...apply(ctm, x, y)));
            const xs = pts.map((p) => p[0]);
            const ys = pts.map((p) => p[1]);
            const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
            if (y1 - y0 <= RULE_THICKNESS && x1 - x0 >= MIN_RULE) rules.push({ dir: "h", at: (y0 + y1) / 2, from: x0, to: x1 });
            else if (x1 - x0 <= RULE_THICKNESS && y1 - y0 >= MIN_RULE) rules.push({ dir: "v", at: (x0 + x1) / 2, from: y0, to: y1 });
          }
        }
      }
      pages.push({ no, width: vp.width, height: vp.height, items, rules });
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return { pages };
}
