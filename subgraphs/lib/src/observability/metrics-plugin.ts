import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { graphqlDuration, graphqlRequests, operationLabel } from './metrics.js';

/** Counts and times every GraphQL request a server answers, per operation name. */
export function metricsPlugin<C extends BaseContext>(service: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ request, operationName, response }) {
          const operation = operationLabel(operationName ?? request.operationName);
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          graphqlDuration.observe({ service, operation }, seconds);
          graphqlRequests.inc({ service, operation, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
