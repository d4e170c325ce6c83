import type { Viewer } from '@youth-care/lib/auth/viewer';

/**
 * What a viewer may see, as a string: the role and the region, regions or provider it is bound
 * to. Two viewers with the same scope get the same answers (only the audit log knows them
 * apart, and audited reads are never shared), so an answer may be shared within a scope only.
 */
export function scopeOf(viewer: Viewer): string {
  switch (viewer.role) {
    case 'provider':
      return `provider:${viewer.agbCode ?? ''}`;
    case 'region-analyst':
      return `region-analyst:${viewer.region ?? ''}`;
    case 'learning-circle':
      return `learning-circle:${[...(viewer.regions ?? [])].sort().join(',')}`;
    default:
      return viewer.role;
  }
}
