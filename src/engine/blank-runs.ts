/**
 * The blank data rows of a sheet as runs of consecutive rows: sorted, disjoint and never adjacent
 * (two touching runs are one). A stray value at row 1,048,576 below a 17-row table leaves one run of a
 * million rows, held as two numbers.
 */
export class BlankRuns {
  private readonly firsts: number[] = [];
  private readonly lasts: number[] = [];

  get count(): number {
    return this.firsts.length;
  }

  /** Adds rows `first`..`last`, which must not start before the last run does: runs are built in row order. */
  addRange(first: number, last: number): void {
    const n = this.lasts.length;
    if (n > 0 && first <= this.lasts[n - 1]! + 1) {
      if (last > this.lasts[n - 1]!) this.lasts[n - 1] = last;
      return;
    }
    this.firsts.push(first);
    this.lasts.push(last);
  }

  addRow(row: number): void {
    this.addRange(row, row);
  }

  /** The runs in row order, as [first, last]. */
  *runs(): Generator<readonly [number, number]> {
    for (let i = 0; i < this.firsts.length; i++) yield [this.firsts[i]!, this.lasts[i]!];
  }

  /**
   * The runs once the given rows are known to be blank (true) or not (false), keeping no row after
   * `lastRow`. One pass over the runs and the sorted changes: an edit costs the number of runs, never
   * the number of blank rows.
   */
  withChanges(changes: ReadonlyMap<number, boolean>, lastRow: number): BlankRuns {
    const points = [...changes.keys()].sort((a, b) => a - b);
    const out = new BlankRuns();
    const emit = (first: number, last: number): void => {
      const to = Math.min(last, lastRow);
      if (first <= to) out.addRange(first, to);
    };
    let j = 0;
    for (let i = 0; i < this.firsts.length; i++) {
      const first = this.firsts[i]!;
      const last = this.lasts[i]!;
      for (; j < points.length && points[j]! < first; j++) if (changes.get(points[j]!)) emit(points[j]!, points[j]!);
      let from = first;
      for (; j < points.length && points[j]! <= last; j++) {
        const p = points[j]!;
        if (changes.get(p)) continue;
        emit(from, p - 1);
        from = p + 1;
      }
      emit(from, last);
    }
    for (; j < points.length; j++) if (changes.get(points[j]!)) emit(points[j]!, points[j]!);
    return out;
  }
}
