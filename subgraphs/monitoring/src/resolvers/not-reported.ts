import type { Protected } from '@youth-care/lib/small-numbers';

/** A figure no one reported: null, and not suppressed. */
export const NOT_REPORTED: Protected<number> = { value: null, suppressed: false };
