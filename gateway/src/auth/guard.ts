import { createHash } from 'node:crypto';
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import {
  getNamedType,
  Kind,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  GraphQLError,
  type FieldNode,
} from 'graphql';
import type { Viewer } from '@youth-care/lib/auth/viewer';
import { ErrorCode } from '@youth-care/lib/errors';
import { describeRule, satisfies, type FieldRule, type SecurityRules } from './field-rules.js';

/** A denied field, kept in the document as `key: __typename` so nothing of it is fetched. */
interface Denial {
  readonly coordinate: string;
  readonly rule: FieldRule;
}

type Denials = Map<FieldNode, Denial>;

interface Rewrite {
  readonly document: DocumentNode;
  readonly denials: Denials;
  readonly source: string;
  readonly operation: DocumentNode['definitions'][number] | undefined;
  readonly queryHash: string;
}

const MAX_REWRITES = 2000;

function ruleFor(rules: SecurityRules, parent: string, field: string, returns: string | undefined): FieldRule | undefined {
  return rules.fields.get(`${parent}.${field}`) ?? (returns ? rules.types.get(returns) : undefined);
}

/** The document with every field the viewer may not see replaced, and what was replaced. */
function withoutDenied(document: DocumentNode, context: GatewayGraphQLRequestContext, rules: SecurityRules, viewer: Viewer) {
  const typeInfo = new TypeInfo(context.schema);
  const denials: Denials = new Map();
  const rewritten = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return undefined;
        const rule = ruleFor(rules, parent.name, node.name.value, getNamedType(field.type)?.name);
        if (!rule || satisfies(rule, viewer)) return undefined;
        const stub: FieldNode = {
          kind: Kind.FIELD,
          alias: { kind: Kind.NAME, value: node.alias?.value ?? node.name.value },
          name: { kind: Kind.NAME, value: '__typename' },
          directives: node.directives ?? [],
        };
        denials.set(stub, { coordinate: `${parent.name}.${node.name.value}`, rule });
        return stub;
      },
    }),
  );
  return { document: rewritten, denials };
}

/** Sets each denied field to null in the answer, with a FORBIDDEN error at its path. */
function nullDenied(document: DocumentNode, data: Record<string, unknown>, denials: Denials): GraphQLError[] {
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const errors: GraphQLError[] = [];
  const walk = (selections: FieldNode['selectionSet'], value: unknown, path: (string | number)[]): void => {
    if (!selections || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(selections, item, [...path, i]));
      return;
    }
    const object = value as Record<string, unknown>;
    for (const selection of selections.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet, object, path);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) walk(fragments.get(selection.name.value)?.selectionSet, object, path);
      else {
        const key = selection.alias?.value ?? selection.name.value;
        const denial = denials.get(selection);
        if (denial && key in object && object[key] !== null) {
          object[key] = null;
          errors.push(
            new GraphQLError(`Not allowed: ${denial.coordinate} needs ${describeRule(denial.rule)}`, {
              path: [...path, key],
              extensions: { code: ErrorCode.FORBIDDEN },
            }),
          );
        } else if (!denial) walk(selection.selectionSet, object[key], [...path, key]);
      }
    }
  };
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OPERATION_DEFINITION) walk(definition.selectionSet, data, []);
  }
  return errors;
}

/**
 * Wraps @apollo/gateway so the supergraph's @authenticated and @requiresScopes hold before the
 * gateway plans: a denied field is never fetched, comes back null with a FORBIDDEN error at its
 * path, and the rest of the answer still comes. The plan cache is keyed by the rewritten
 * document, so callers with different rights never share a plan.
 */
export function guardGateway(gateway: GatewayInterface, rules: SecurityRules, viewerOf: (context: unknown) => Viewer): GatewayInterface {
  // What a rule allows depends on the role alone, so a rewrite is reused per document and role.
  const rewrites = new WeakMap<object, Map<string, Rewrite>>();
  const rewriteFor = (context: GatewayGraphQLRequestContext, viewer: Viewer): Rewrite => {
    let known = rewrites.get(context.schema);
    if (!known) rewrites.set(context.schema, (known = new Map()));
    const key = `${viewer.role}\0${context.operationName ?? ''}\0${context.queryHash}`;
    const hit = known.get(key);
    if (hit) return hit;
    const { document, denials } = withoutDenied(context.document, context, rules, viewer);
    const source = denials.size === 0 ? context.source : print(document);
    const rewrite: Rewrite = {
      document,
      denials,
      source,
      operation: document.definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && (!context.operationName || d.name?.value === context.operationName),
      ),
      queryHash: denials.size === 0 ? context.queryHash : createHash('sha256').update(source).digest('hex'),
    };
    if (known.size >= MAX_REWRITES) known.clear();
    known.set(key, rewrite);
    return rewrite;
  };
  const guard = (execute: GatewayExecutor): GatewayExecutor => async (context) => {
    const viewer = viewerOf(context.context);
    const { document, denials, source, operation, queryHash } = rewriteFor(context, viewer);
    if (denials.size === 0) return execute(context);
    const result = await execute({
      ...context,
      document,
      source,
      operation: operation as typeof context.operation,
      queryHash,
    });
    const forbidden = result.data ? nullDenied(document, result.data, denials) : [];
    return { ...result, errors: [...(result.errors ?? []), ...forbidden] };
  };
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    async load(options) {
      const loaded = await gateway.load(options);
      return { executor: loaded.executor ? guard(loaded.executor) : null };
    },
  };
}
