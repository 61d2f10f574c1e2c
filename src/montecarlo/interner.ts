// Strings kept once each, as small integers in the order first met: how region lists travel in
// incident columns (montecarlo/columns.ts) and the dictionary a Parquet file stores them under
// (store/parquetFormat.ts, store/parquetSource.ts).
export class Interner {
  /** The strings, in the order first met: what an index stands for. */
  readonly names: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of `name`, added at the end if new. */
  intern(name: string): number {
    let k = this.index.get(name);
    if (k === undefined) {
      k = this.names.length;
      this.names.push(name);
      this.index.set(name, k);
    }
    return k;
  }
}
