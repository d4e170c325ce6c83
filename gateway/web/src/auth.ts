import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { setToken } from './api.js';

/**
 * Sign-in. While the gateway uses its development token secret it offers the demo roles and
 * mints their tokens; otherwise the identity provider signs people in with the authorization
 * code flow and PKCE. Tokens live in memory and in this tab's sessionStorage, never in
 * localStorage.
 */
export interface Viewer {
  role: 'anonymous' | 'provider' | 'region-analyst' | 'learning-circle' | 'admin';
  subject: string | null;
  agbCode?: string;
  region?: string;
  regions?: string[];
}

export type SignInConfig =
  | { mode: 'demo'; roles: Viewer[] }
  | { mode: 'oidc'; authority: string; clientId: string; scope: string; resource?: string }
  | { mode: 'none' };

const DEMO_KEY = 'demo-token';
let manager: UserManager | undefined;

export const ANONYMOUS: Viewer = { role: 'anonymous', subject: null };

async function viewerFor(token: string | undefined): Promise<Viewer> {
  if (!token) return ANONYMOUS;
  const response = await fetch('/auth/viewer', { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) return ANONYMOUS;
  return (await response.json()) as Viewer;
}

/** The sign-in mode, and the viewer already signed in in this tab (after a redirect, say). */
export async function restoreSession(): Promise<{ config: SignInConfig; viewer: Viewer }> {
  const config = (await (await fetch('/auth/config')).json()) as SignInConfig;
  let token: string | undefined;
  if (config.mode === 'demo') token = sessionStorage.getItem(DEMO_KEY) ?? undefined;
  if (config.mode === 'oidc') {
    manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      redirect_uri: `${location.origin}/`,
      post_logout_redirect_uri: `${location.origin}/`,
      response_type: 'code',
      scope: config.scope,
      userStore: new WebStorageStateStore({ store: sessionStorage }),
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
      automaticSilentRenew: false,
      monitorSession: false,
      ...(config.resource ? { extraQueryParams: { resource: config.resource }, extraTokenParams: { resource: config.resource } } : {}),
    });
    const params = new URLSearchParams(location.search);
    if (params.has('code') && params.has('state')) {
      const user = await manager.signinRedirectCallback();
      history.replaceState(null, '', `/${location.hash}`);
      token = user.access_token;
    } else {
      const user = await manager.getUser();
      token = user && !user.expired ? user.access_token : undefined;
    }
  }
  setToken(token);
  return { config, viewer: await viewerFor(token) };
}

export async function signInAs(role: Viewer['role']): Promise<Viewer> {
  if (role === 'anonymous') {
    sessionStorage.removeItem(DEMO_KEY);
    setToken(undefined);
    return ANONYMOUS;
  }
  const response = await fetch('/auth/demo-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role }),
  });
  if (!response.ok) throw new Error(`demo sign-in refused: HTTP ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  sessionStorage.setItem(DEMO_KEY, token);
  setToken(token);
  return viewerFor(token);
}

export async function signInWithProvider(): Promise<void> {
  await manager?.signinRedirect({ state: location.hash });
}

export async function signOut(): Promise<void> {
  sessionStorage.removeItem(DEMO_KEY);
  setToken(undefined);
  await manager?.removeUser();
}
