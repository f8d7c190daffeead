import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { createComplexityRule } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  Lexer,
  parse,
  Source,
  TokenKind,
  TypeInfo,
  ValidationContext,
  type ValidationRule,
  visit,
  visitInParallel,
  visitWithTypeInfo,
} from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import type { QueryLimits } from '../config';

/** What each limit measures, as its refusal says it: `Query is 26 levels deep; the limit is 8 (MAX_DEPTH)`. */
const MEASURES = {
  MAX_DEPTH: (found: number) => `is ${found} levels deep`,
  MAX_ALIASES: (found: number) => `has ${found} aliases`,
  MAX_TOKENS: (found: number) => `has ${found} tokens`,
  MAX_DIRECTIVES: (found: number) => `has ${found} directives`,
  MAX_COST: (found: number) => `costs ${found}`,
};
type Limit = keyof typeof MEASURES;

/** A document over one of the limits: HTTP 400 (200 under plain application/json, as for any validation error). */
class LimitExceeded extends GraphQLError {
  constructor(limit: Limit, allowed: number, found: number) {
    super(`Query ${MEASURES[limit](found)}; the limit is ${allowed} (${limit})`, {
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit, allowed, found, http: { spec: true, status: 400 } },
    });
  }
}

/**
 * Refuses a document over any of `limits` before a resolver runs, so before any SQL:
 * - tokens while parsing: graphql-js's own `maxTokens`, through the `parse` that OpenTelemetry instruments, so
 *   the trace keeps its `graphql.parse` span;
 * - depth, aliases and directives (graphql-armor's rules) before graphql-js validates, so an abusive document
 *   costs that validation nothing;
 * - cost (Pothos' complexity, from each field's `complexity`) once the document is known to be valid, so an
 *   unknown field or a fragment cycle is reported by graphql-js alone.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  // Each rule throws its refusal at once: one error, and the rest of the document is never walked.
  const shapeRules = [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, onReject: [refuse('MAX_DEPTH', limits.maxDepth)] }),
    maxAliasesRule({ n: limits.maxAliases, onReject: [refuse('MAX_ALIASES', limits.maxAliases)] }),
    maxDirectivesRule({ n: limits.maxDirectives, onReject: [refuse('MAX_DIRECTIVES', limits.maxDirectives)] }),
  ];
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          // Parsing stopped: past the limit if the document is over it, else an ordinary syntax error.
          const tokens = countTokens(source);
          throw tokens > limits.maxTokens ? new LimitExceeded('MAX_TOKENS', limits.maxTokens, tokens) : error;
        }
      });
    },
    onValidate({ params, context, setResult }) {
      try {
        runRules(params.schema, params.documentAST, shapeRules);
      } catch (error) {
        if (!(error instanceof LimitExceeded)) throw error;
        return setResult([error]);
      }
      return ({ valid, setResult: setFinalResult }) => {
        if (!valid) return;
        const cost = costOf(params.schema, params.documentAST, context);
        if (cost > limits.maxCost) setFinalResult([new LimitExceeded('MAX_COST', limits.maxCost, cost)]);
      };
    },
  };
}

/** An onReject callback for graphql-armor: its message ends `…, found 26.`; the refusal is ours. */
function refuse(limit: Limit, allowed: number) {
  return (_context: unknown, error: GraphQLError): never => {
    throw new LimitExceeded(limit, allowed, Number(/found (\d+)/.exec(error.message)?.[1]));
  };
}

/** The document's tokens as the parser counts them (comments excluded), up to a lexing error if there is one. */
function countTokens(source: string | Source): number {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch {
    // A character the lexer rejects: the tokens before it are the count.
  }
  return count;
}

/** The most expensive operation's cost with this request's variables (only one of them runs). */
function costOf(schema: GraphQLSchema, document: DocumentNode, context: Partial<YogaInitialContext>): number {
  let cost = 0;
  const rule = createComplexityRule({
    context,
    variableValues: context.params?.variables ?? {},
    operationName: context.params?.operationName,
    validate: ({ complexity }) => {
      cost = Math.max(cost, complexity);
    },
  });
  runRules(schema, document, [rule]);
  return cost;
}

/**
 * What graphql-js's `validate` does with `rules`, without calling it (`validate` is traced: these checks would
 * show as extra `graphql.validate` spans). Errors the rules report are dropped: the shape rules throw instead,
 * and the cost rule's own errors are execution's.
 */
function runRules(schema: GraphQLSchema, document: DocumentNode, rules: ValidationRule[]): void {
  const typeInfo = new TypeInfo(schema);
  const context = new ValidationContext(schema, document, typeInfo, () => {});
  visit(document, visitWithTypeInfo(typeInfo, visitInParallel(rules.map((rule) => rule(context)))));
}
