import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { ErrorCode, PublicError } from './errors.js';
import { isCalendarDate } from './scalars.js';

/** Codes of requests that name no operation the server can run. */
export const OperationCode = {
  UNKNOWN_OPERATION: 'UNKNOWN_OPERATION',
  AMBIGUOUS_OPERATION: 'AMBIGUOUS_OPERATION',
  SUBSCRIPTION_NOT_SUPPORTED: 'SUBSCRIPTION_NOT_SUPPORTED',
} as const;

/** The longest ID or string argument any field takes; region data holds nothing longer. */
export const MAX_INPUT_LENGTH = 256;
const AGB_CODE = /^\d{8}$/;
// Cursors are base64url of a local id; anything else was not handed out by us.
const CURSOR = /^[A-Za-z0-9_-]{1,128}$/;
// Null bytes and other control characters end up in SQL parameters that PostgreSQL refuses.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Arguments and input fields with a format of their own, by name. */
const FORMATS: Readonly<Record<string, { pattern: RegExp; description: string }>> = {
  agbCode: { pattern: AGB_CODE, description: 'an AGB code of 8 digits' },
  providerAgb: { pattern: AGB_CODE, description: 'an AGB code of 8 digits' },
  after: { pattern: CURSOR, description: 'a cursor from a previous page' },
};

const refused = (message: string, code: string = ErrorCode.BAD_USER_INPUT, field?: string) =>
  new PublicError(message, code, { ...(field ? { field } : {}), http: { status: 400 } });

/**
 * A scalar value against its type: Date must be a calendar date, IDs and strings must be sane.
 * `name` is the path to it (`input.providerAgb`); a format belongs to its last part.
 */
function checkScalar(type: string, value: unknown, name: string): void {
  if (value === null || value === undefined) return;
  if (type === 'Date' && !isCalendarDate(value)) {
    throw refused(`${name}: Date must be a calendar date as YYYY-MM-DD, got ${String(JSON.stringify(value)).slice(0, 40)}`, ErrorCode.BAD_USER_INPUT, name);
  }
  if (typeof value !== 'string' || (type !== 'ID' && type !== 'String')) return;
  if (CONTROL.test(value)) throw refused(`${name} must not contain control characters`, ErrorCode.BAD_USER_INPUT, name);
  if (value.length > MAX_INPUT_LENGTH) throw refused(`${name} is longer than ${MAX_INPUT_LENGTH} characters`, ErrorCode.BAD_USER_INPUT, name);
  const format = FORMATS[name.slice(name.lastIndexOf('.') + 1)];
  if (format && !format.pattern.test(value)) throw refused(`${name} must be ${format.description}`, ErrorCode.BAD_USER_INPUT, name);
}

/** A variable's value, walked along its input type. */
function checkVariable(type: GraphQLInputType, value: unknown, name: string): void {
  if (value === null || value === undefined) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    for (const item of Array.isArray(value) ? value : [value]) checkVariable(inner.ofType, item, name);
  } else if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    for (const [field, definition] of Object.entries(inner.getFields())) checkVariable(definition.type, (value as Record<string, unknown>)[field], `${name}.${field}`);
  } else checkScalar(inner.name, value, name);
}

/**
 * Every value the operation runs with, literal or variable, at the argument or input field it
 * goes to (a format such as the AGB code's belongs to the argument, not to the variable's name).
 */
function checkValues(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>>): void {
  const info = new TypeInfo(schema);
  const names: string[] = [];
  let declaring = false;
  const scalar = (node: Exclude<ValueNode, { kind: Kind.VARIABLE | Kind.NULL | Kind.LIST | Kind.OBJECT }>) => {
    const type = info.getInputType();
    if (!type) return;
    checkScalar(getNamedType(type).name, node.kind === Kind.STRING || node.kind === Kind.INT || node.kind === Kind.FLOAT ? node.value : node, names.join('.'));
  };
  const visitor = visitWithTypeInfo(info, {
    Argument: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    ObjectField: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    VariableDefinition: { enter: () => void (declaring = true), leave: () => void (declaring = false) },
    Variable: (node) => {
      const type = info.getInputType();
      if (!declaring && type) checkVariable(type, variables[node.name.value], names.length > 0 ? names.join('.') : node.name.value);
    },
    StringValue: scalar,
    IntValue: scalar,
    FloatValue: scalar,
    BooleanValue: scalar,
    EnumValue: scalar,
  });
  // Fragments are checked where they are defined; the operation itself where it is.
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION || definition === operation) visit(definition, visitor);
  }
}

function missingOperation(document: DocumentNode, operationName: string | undefined): PublicError {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return refused(`The document has no operation named "${operationName.slice(0, 100)}"`, OperationCode.UNKNOWN_OPERATION);
  if (operations.length > 1) return refused('The document holds several operations; name the one to run in operationName', OperationCode.AMBIGUOUS_OPERATION);
  return refused('The document holds no operation to run', OperationCode.UNKNOWN_OPERATION);
}

/**
 * Turns away, with a 400 and a code of its own, what the engine would otherwise answer with a 500
 * or send on to a subgraph: an operation name the document lacks, a document with several
 * anonymous operations, a subscription, a malformed Date, and IDs, AGB codes or cursors that are
 * not of their shape. Runs before anything executes, so nothing of this reaches SQL.
 */
export function requestChecksPlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request, schema }) {
          if (!operation) throw missingOperation(document, request.operationName ?? undefined);
          if (operation.operation === 'subscription') throw refused('Subscriptions are not supported', OperationCode.SUBSCRIPTION_NOT_SUPPORTED);
          checkValues(schema, document, operation, request.variables ?? {});
        },
      };
    },
  };
}
