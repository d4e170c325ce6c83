import type http from 'node:http';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import { DEVELOPMENT_TOKEN_SECRET, type Config } from '@youth-care/lib/config';
import { exampleViewers, mintToken } from '../auth/mint.js';
import { webAssets } from './bundle.js';

/**
 * The pages people look at, served by the gateway beside /graphql: the web app at `/`, the
 * GraphQL IDE at `/graphiql`, their bundles under `/assets/`, and what sign-in needs. The demo
 * roles and their tokens exist only while the development token secret is in use.
 */
export type PageHandler = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<boolean>;

const page = (title: string, lang: string, body: string, styles: readonly string[]) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${styles.map((href) => `<link rel="stylesheet" href="${href}">`).join('\n')}
</head>
<body>
${body}
</body>
</html>
`;

const APP_HTML = page(
  'Jeugdzorg in de regio',
  'nl',
  '<noscript>Deze pagina heeft JavaScript nodig. This page needs JavaScript.</noscript>\n<script type="module" src="/assets/app.js"></script>',
  ['/assets/app-styles.css'],
);
const GRAPHIQL_HTML = page(
  'GraphQL-verkenner · Jeugdzorg in de regio',
  'nl',
  '<main id="graphiql" style="height:100vh"></main>\n<script type="module" src="/assets/graphiql.js"></script>',
  ['/assets/graphiql.css'],
);

function send(res: http.ServerResponse, status: number, type: string, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', ...headers });
  res.end(body);
}

const json = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(body), { 'cache-control': 'no-store' });

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > 10_000) return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function webPages(config: Config, viewerOf: (authorization: string | undefined) => Promise<Viewer>): PageHandler {
  const demo = config.auth.hs256Secret === DEVELOPMENT_TOKEN_SECRET;
  const oidc = config.auth.oidc;
  const signIn = demo
    ? { mode: 'demo', roles: ['anonymous', ...exampleViewers(config.demo.scale).map((v) => v.role)] }
    : oidc
      ? { mode: 'oidc', authority: oidc.issuer, clientId: oidc.clientId, scope: oidc.scope, ...(oidc.resource ? { resource: oidc.resource } : {}) }
      : { mode: 'none' };
  const identityProvider = oidc ? ` ${new URL(oidc.issuer).origin}` : '';
  // Everything the pages load comes from here; only sign-in talks to the identity provider.
  const security = {
    'content-security-policy':
      `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; ` +
      `connect-src 'self'${identityProvider}; form-action 'self'${identityProvider}; frame-ancestors 'none'; base-uri 'self'`,
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  };

  return async (req, res, url) => {
    const get = req.method === 'GET' || req.method === 'HEAD';
    if (get && url.pathname === '/') send(res, 200, 'text/html; charset=utf-8', APP_HTML, security);
    else if (get && url.pathname === '/graphiql') send(res, 200, 'text/html; charset=utf-8', GRAPHIQL_HTML, security);
    else if (get && url.pathname === '/graphql' && !url.search && (req.headers.accept ?? '').includes('text/html')) {
      // A person who opens the endpoint in a browser wants the IDE, not a CSRF error.
      res.writeHead(302, { location: '/graphiql' }).end();
    } else if (get && url.pathname.startsWith('/assets/')) {
      const asset = (await webAssets()).get(url.pathname);
      if (!asset) return false;
      send(res, 200, asset.type, asset.contents, { 'cache-control': 'no-cache' });
    } else if (get && url.pathname === '/auth/config') json(res, 200, signIn);
    else if (get && url.pathname === '/auth/viewer') {
      try {
        json(res, 200, await viewerOf(req.headers.authorization));
      } catch {
        json(res, 401, { error: 'the token could not be verified' });
      }
    } else if (demo && req.method === 'POST' && url.pathname === '/auth/demo-token') {
      const body = (await readJson(req)) as { role?: unknown } | undefined;
      const viewer = exampleViewers(config.demo.scale).find((v) => v.role === body?.role);
      if (!viewer) json(res, 400, { error: 'role must be one of the demo roles' });
      else json(res, 200, { token: await mintToken(config.auth, viewer), viewer });
    } else return false;
    return true;
  };
}
