/** GraphQL over the gateway's one endpoint, with the viewer's token. */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; field?: string; [key: string]: unknown };
}

export class QueryError extends Error {
  constructor(readonly errors: GraphQLError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
  get forbidden(): boolean {
    return this.errors.some((e) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'UNAUTHENTICATED');
  }
}

let token: string | undefined;

export function setToken(next: string | undefined): void {
  token = next;
}

export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
  if (body.errors?.length) throw new QueryError(body.errors);
  if (!body.data) throw new QueryError([{ message: `HTTP ${response.status}` }]);
  return body.data;
}

/** A figure under the small-number rule: null and suppressed below 5. */
export interface Protected {
  value: number | null;
  suppressed: boolean;
}
