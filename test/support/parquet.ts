/**
 * Reads a Parquet file back with hyparquet — a reader, not the writer the build uses (hyparquet-writer) — the rows as
 * objects and each column's physical and logical type. DECIMAL values come back as JavaScript numbers (hyparquet's
 * conversion); compare them with a tolerance, and the exact digits through the text columns.
 */
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";

export interface ParquetColumnType {
  name: string;
  type: string | undefined;
  converted: string | undefined;
  scale: number | undefined;
}

export async function readParquet(path: string): Promise<{ rows: Record<string, unknown>[]; columns: ParquetColumnType[]; rowGroups: number }> {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const rows = await parquetReadObjects({ file });
  const columns = metadata.schema.slice(1).map((s) => ({ name: s.name, type: s.type, converted: s.converted_type, scale: s.scale }));
  return { rows, columns, rowGroups: metadata.row_groups.length };
}
