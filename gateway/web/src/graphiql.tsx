import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';

/*
 * The GraphQL IDE, served from the gateway itself: nothing loads from elsewhere. It sends the
 * token the web app signed in with (this tab's sessionStorage), or none.
 */
const token = sessionStorage.getItem('demo-token') ?? oidcToken();

function oidcToken(): string | undefined {
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i) ?? '';
    if (!key.startsWith('oidc.user:')) continue;
    const user = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { access_token?: string };
    if (user.access_token) return user.access_token;
  }
  return undefined;
}

const fetcher = createGraphiQLFetcher({ url: '/graphql', headers: token ? { authorization: `Bearer ${token}` } : {} });
createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultEditorToolsVisibility={true} />);
