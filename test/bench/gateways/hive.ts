import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CLAIMS_HEADER, signClaims } from '@youth-care/lib/auth/signed-claims';
import { loadConfig } from '@youth-care/lib/config';
import { servableSupergraph } from '../../../gateway/src/auth/field-rules.js';
import { BENCH_PEER } from './peer.js';

/** Hive Gateway with its defaults; it signs the claims header on every fetch, as ours does. */
const secret = loadConfig().auth.claimsSecret;
const runtime = createGatewayRuntime({
  supergraph: servableSupergraph(await readFile(process.env.SUPERGRAPH_PATH ?? '', 'utf8')),
  logging: false,
  plugins: () => [
    {
      onFetch({ options, setOptions }) {
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [CLAIMS_HEADER]: signClaims(BENCH_PEER, secret) } });
      },
    },
  ],
});
const server = createServer(runtime);
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
});
