import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (several federations, `npm start` processes, the large demo
 * data), longest first. A fresh clone has no timings from an earlier run, and without them
 * vitest would start these last, leaving one worker busy long after the other is done.
 */
const LONGEST_FIRST = [
  'test/start.test.ts',
  'test/statements.test.ts',
  'test/partial.test.ts',
  'test/learning-circle.test.ts',
  'subgraphs/access/test/import.test.ts',
  'test/authorization.test.ts',
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = LONGEST_FIRST.findIndex((path) => file.moduleId.endsWith(`/${path}`));
      return at === -1 ? LONGEST_FIRST.length : at;
    };
    const sorted = await super.sort(files);
    return sorted.map((file, i) => ({ file, i })).sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i).map(({ file }) => file);
  }
}
