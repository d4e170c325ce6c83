/** Thrown when an import file is malformed: nothing is written, and every problem is listed. */
export class ImportRejected extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n  ... and ${problems.length - shown.length} more` : '';
    super(`${file} rejected, nothing was imported:\n  ${shown.join('\n  ')}${more}`);
    this.name = 'ImportRejected';
  }
}

/** Collects problems while validating, so a rejection can name all of them at once. */
export class Problems {
  readonly list: string[] = [];

  add(problem: string): void {
    this.list.push(problem);
  }

  throwIfAny(file: string): void {
    if (this.list.length > 0) throw new ImportRejected(file, this.list);
  }
}
