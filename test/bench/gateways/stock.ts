import { readFile } from 'node:fs/promises';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CLAIMS_HEADER, signClaims } from '@youth-care/lib/auth/signed-claims';
import { loadConfig } from '@youth-care/lib/config';
import { servableSupergraph } from '../../../gateway/src/auth/field-rules.js';
import { BENCH_PEER } from './peer.js';

/**
 * Stock @apollo/gateway on startStandaloneServer, configured plainly; it signs the claims header
 * the subgraphs demand on every fetch, as ours does.
 */
const secret = loadConfig().auth.claimsSecret;
class Signed extends RemoteGraphQLDataSource {
  override willSendRequest({ request }: GraphQLDataSourceProcessOptions): void {
    request.http?.headers.set(CLAIMS_HEADER, signClaims(BENCH_PEER, secret));
  }
}
const gateway = new ApolloGateway({
  supergraphSdl: servableSupergraph(await readFile(process.env.SUPERGRAPH_PATH ?? '', 'utf8')),
  buildService: ({ url }) => new Signed({ url }),
});
const { url } = await startStandaloneServer(new ApolloServer({ gateway }), { listen: { port: 0, host: '127.0.0.1' } });
console.log(JSON.stringify({ url }));
