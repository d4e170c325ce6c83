import { Kind, parse, valueFromASTUntyped, type ConstDirectiveNode, type DefinitionNode } from 'graphql';
import { scopesOf, type Viewer } from '@youth-care/lib/auth/viewer';

/** What a field (or every field returning a type) asks of the caller. */
export interface FieldRule {
  readonly authenticated: boolean;
  /** Any one of these sets, each whole; null when no scope is asked. */
  readonly scopes: readonly (readonly string[])[] | null;
}

/** The security directives of the composed supergraph, by `Type.field` and by type. */
export interface SecurityRules {
  readonly fields: ReadonlyMap<string, FieldRule>;
  readonly types: ReadonlyMap<string, FieldRule>;
}

function ruleOf(directives: readonly ConstDirectiveNode[] | undefined): FieldRule | undefined {
  let authenticated = false;
  let scopes: string[][] | null = null;
  for (const directive of directives ?? []) {
    if (directive.name.value === 'authenticated') authenticated = true;
    if (directive.name.value === 'requiresScopes') {
      const arg = directive.arguments?.find((a) => a.name.value === 'scopes');
      scopes = arg ? (valueFromASTUntyped(arg.value) as string[][]) : [];
    }
  }
  return authenticated || scopes ? { authenticated, scopes } : undefined;
}

const OBJECT_KINDS = new Set<string>([Kind.OBJECT_TYPE_DEFINITION, Kind.OBJECT_TYPE_EXTENSION, Kind.INTERFACE_TYPE_DEFINITION]);

export function readSecurityRules(supergraphSdl: string): SecurityRules {
  const fields = new Map<string, FieldRule>();
  const types = new Map<string, FieldRule>();
  for (const definition of parse(supergraphSdl).definitions as DefinitionNode[]) {
    if (!OBJECT_KINDS.has(definition.kind) || !('fields' in definition)) continue;
    const typeName = definition.name.value;
    const typeRule = ruleOf(definition.directives);
    if (typeRule) types.set(typeName, typeRule);
    for (const field of definition.fields ?? []) {
      const rule = ruleOf(field.directives);
      if (rule) fields.set(`${typeName}.${field.name.value}`, rule);
    }
  }
  return { fields, types };
}

/**
 * @apollo/gateway refuses a supergraph that links a feature "for: SECURITY" it does not
 * implement. This gateway implements those features itself (see guard.ts), so it hands the
 * gateway the same supergraph with the purpose left off those links.
 */
export function servableSupergraph(supergraphSdl: string): string {
  return supergraphSdl.replace(
    /(@link\(url: "https:\/\/specs\.apollo\.dev\/(?:authenticated|requiresScopes)\/v[\d.]+"), for: SECURITY\)/g,
    '$1)',
  );
}

export function satisfies(rule: FieldRule, viewer: Viewer): boolean {
  if (rule.authenticated && viewer.role === 'anonymous') return false;
  if (!rule.scopes) return true;
  const held = new Set(scopesOf(viewer));
  return rule.scopes.some((set) => set.every((scope) => held.has(scope)));
}

export function describeRule(rule: FieldRule): string {
  if (rule.scopes) return `one of the scope sets ${rule.scopes.map((s) => s.join('+')).join(', ')}`;
  return 'a signed-in caller';
}
