// The Parquet format's numbers that drsim's writer and reader share (parquet.thrift), and how each
// kind of table column is stored: doubles OPTIONAL (NaN is null: no value, as CSV's empty field),
// whole numbers and flags REQUIRED, names dictionary-encoded UTF-8 strings.
import type { ColumnKind } from "../tables.js";

export const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]); // "PAR1"

export const PhysicalType = { BOOLEAN: 0, INT32: 1, INT64: 2, DOUBLE: 5, BYTE_ARRAY: 6 } as const;
export const Repetition = { REQUIRED: 0, OPTIONAL: 1 } as const;
export const Encoding = { PLAIN: 0, PLAIN_DICTIONARY: 2, RLE: 3, RLE_DICTIONARY: 8 } as const;
export const PageType = { DATA_PAGE: 0, DICTIONARY_PAGE: 2 } as const;
export const Codec = { UNCOMPRESSED: 0 } as const;
/** ConvertedType UTF8 (a string column's legacy annotation, beside its logical type STRING). */
export const CONVERTED_UTF8 = 0;

/** The physical type and repetition each kind of column is written with. */
export const STORAGE: Readonly<Record<ColumnKind, { readonly type: number; readonly repetition: number }>> = {
  double: { type: PhysicalType.DOUBLE, repetition: Repetition.OPTIONAL },
  int64: { type: PhysicalType.INT64, repetition: Repetition.REQUIRED },
  int32: { type: PhysicalType.INT32, repetition: Repetition.REQUIRED },
  boolean: { type: PhysicalType.BOOLEAN, repetition: Repetition.REQUIRED },
  string: { type: PhysicalType.BYTE_ARRAY, repetition: Repetition.REQUIRED },
};

/** A string column's values: indices into its dictionary. */
export interface DictionaryValues {
  readonly indices: Uint32Array;
  readonly dictionary: readonly string[];
}

/**
 * A column's values in a row group, by kind: double and int64 as Float64Array (NaN: null; int64
 * whole numbers below 2^53), int32 as Int32Array, boolean as Uint8Array (0 or 1), string as
 * dictionary indices.
 */
export type ColumnValues = Float64Array | Int32Array | Uint8Array | DictionaryValues;
