import type { Viewer } from '@youth-care/lib/auth/viewer';

/** Whom the peer gateways speak for: they check no token, so they sign an admin's claims, as ours does for an admin token. */
export const BENCH_PEER: Viewer = { role: 'admin', subject: 'bench-admin' };
