import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (the tenfold demo data, import commands, `npm start` processes, demo
 * loads in child processes, a browser), longest first. A fresh clone has no timings from an earlier
 * run, and without them vitest would start these last, leaving one worker busy long after the
 * other is done.
 * The second file prepares the month-pinned demo data (PINNED_DEMO) while the first prepares the tenfold data.
 */
const LONGEST_FIRST = [
  'test/statements.test.ts',
  'test/learning-circle.test.ts',
  'test/import-resume.test.ts',
  'test/shutdown.test.ts',
  'test/demo-resume.test.ts',
  'test/start.test.ts',
  'test/spending-vs-budget.test.ts',
  'test/partial.test.ts',
  'test/web-oidc.test.ts',
  'test/web.test.ts',
  'subgraphs/monitoring/test/cbs-import.test.ts',
  'test/readme-examples.test.ts',
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
