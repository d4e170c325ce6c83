import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  getOperationAST,
  GraphQLError,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  SchemaMetaFieldDef,
  Source,
  TokenKind,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFormattedError,
  type GraphQLNamedType,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { QueryLimits } from '@youth-care/lib/config';
import { LimitCode } from '@youth-care/lib/errors';

export { LimitCode };

/** The limits checked per operation; maxBodyBytes is enforced by the HTTP layer. */
export type OperationLimit = Exclude<keyof QueryLimits, 'maxBodyBytes'>;

/** Assumed size of a list whose `first` is not known from the document. */
const DEFAULT_LIST_SIZE = 10;

const DESCRIPTION: Record<OperationLimit, { label: string; variable: string }> = {
  maxDepth: { label: 'Query depth', variable: 'QUERY_MAX_DEPTH' },
  maxAliases: { label: 'Query alias count', variable: 'QUERY_MAX_ALIASES' },
  maxTokens: { label: 'Query token count', variable: 'QUERY_MAX_TOKENS' },
  maxCost: { label: 'Query cost', variable: 'QUERY_MAX_COST' },
};

export interface OperationMeasure {
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
}

const NOTHING: OperationMeasure = { depth: 0, aliases: 0, cost: 0 };

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  // Meta fields are not part of getFields(), yet introspection must be measured like any other query.
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

type Variables = Readonly<Record<string, unknown>> | undefined;

function listSize(field: FieldNode, variables: Variables): number {
  const first = field.arguments?.find((argument) => argument.name.value === 'first')?.value;
  const given = first?.kind === Kind.INT ? Number.parseInt(first.value, 10) : first?.kind === Kind.VARIABLE ? variables?.[first.name.value] : undefined;
  // A negative `first` must not cancel out the cost of sibling fields.
  return typeof given === 'number' && Number.isInteger(given) ? Math.max(0, given) : DEFAULT_LIST_SIZE;
}

/** Depth, aliases and cost of the operation that would execute; all zero when none would. */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables?: Variables,
): OperationMeasure {
  const operation = getOperationAST(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return NOTHING;

  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  // Measured once each: a few fragments spreading each other twice over would otherwise take exponential time.
  const measured = new Map<string, OperationMeasure>();
  const expanding = new Set<string>();

  function fragment(name: string): OperationMeasure {
    const known = measured.get(name);
    if (known) return known;
    const definition = fragments.get(name);
    const type = definition && schema.getType(definition.typeCondition.name.value);
    if (!definition || !type || expanding.has(name)) return NOTHING;
    expanding.add(name);
    const result = selections(definition.selectionSet, type);
    expanding.delete(name);
    measured.set(name, result);
    return result;
  }

  function selections(set: SelectionSetNode, parent: GraphQLNamedType): OperationMeasure {
    const total = { depth: 0, aliases: 0, cost: 0 };
    for (const selection of set.selections) {
      let part: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        part = field(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        part = type ? selections(selection.selectionSet, type) : NOTHING;
      } else {
        part = fragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, part.depth);
      total.aliases += part.aliases;
      total.cost += part.cost;
    }
    return total;
  }

  function field(node: FieldNode, parent: GraphQLNamedType): OperationMeasure {
    const aliases = node.alias ? 1 : 0;
    const ownDepth = node.name.value === TypeNameMetaFieldDef.name ? 0 : 1;
    const definition = fieldDefinition(schema, parent, node.name.value);
    if (!node.selectionSet || !definition) return { depth: ownDepth, aliases, cost: 1 };
    const children = selections(node.selectionSet, getNamedType(definition.type));
    const multiplier = isListType(getNullableType(definition.type)) ? listSize(node, variables) : 1;
    return { depth: ownDepth + children.depth, aliases: aliases + children.aliases, cost: 1 + multiplier * children.cost };
  }

  return selections(operation.selectionSet, root);
}

/** Lexical tokens in `source`, counting no further than `max + 1` so an oversized body is cheap to reject. */
export function countTokens(source: string, max: number): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (count <= max && lexer.advance().kind !== TokenKind.EOF) count++;
  return count;
}

function limitMessage(limit: OperationLimit, max: number, actual: string): string {
  const { label, variable } = DESCRIPTION[limit];
  return `${label} ${actual} exceeds the limit of ${max} (${variable})`;
}

export function limitError(code: LimitCode, limit: OperationLimit, max: number, actual: number): GraphQLError {
  return new GraphQLError(limitMessage(limit, max, String(actual)), {
    extensions: { code, limit, max, actual, http: { status: 400 } },
  });
}

/** Rejects operations over the limits before anything is planned or sent to a subgraph. */
export function queryLimitsPlugin(limits: QueryLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ source, schema, document, request }) {
          const tokens = countTokens(source, limits.maxTokens);
          if (tokens > limits.maxTokens) throw limitError(LimitCode.MAX_TOKENS_EXCEEDED, 'maxTokens', limits.maxTokens, tokens);
          const { depth, aliases, cost } = measureOperation(schema, document, request.operationName, request.variables);
          if (depth > limits.maxDepth) throw limitError(LimitCode.MAX_DEPTH_EXCEEDED, 'maxDepth', limits.maxDepth, depth);
          if (aliases > limits.maxAliases) throw limitError(LimitCode.MAX_ALIASES_EXCEEDED, 'maxAliases', limits.maxAliases, aliases);
          if (cost > limits.maxCost) throw limitError(LimitCode.MAX_COST_EXCEEDED, 'maxCost', limits.maxCost, cost);
        },
      };
    },
  };
}

/**
 * Lets the parser give up one token past the limit: a huge document costs no more to reject than a small one,
 * while a document exactly one token over still parses and gets its exact count from the plugin.
 */
export function parseOptionsFor(limits: QueryLimits): { maxTokens: number } {
  return { maxTokens: limits.maxTokens + 1 };
}

// graphql-js 16 spells it "more that"; accept the corrected spelling too.
const PARSER_TOKEN_LIMIT = /Document contains more tha[tn] (\d+) tokens/;

/** Reports the parser's token cap under the same code as the plugin's token check. */
export function recodeTokenLimit(formatted: GraphQLFormattedError, limits: QueryLimits): GraphQLFormattedError {
  const cap = formatted.extensions?.code === 'GRAPHQL_PARSE_FAILED' ? PARSER_TOKEN_LIMIT.exec(formatted.message)?.[1] : undefined;
  if (cap === undefined) return formatted;
  return {
    message: limitMessage('maxTokens', limits.maxTokens, `more than ${cap}`),
    extensions: { code: LimitCode.MAX_TOKENS_EXCEEDED, limit: 'maxTokens', max: limits.maxTokens },
  };
}
