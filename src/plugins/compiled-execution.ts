import type { Plugin } from '@envelop/core';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, getOperationAST, type SourceLocation, valueFromASTUntyped } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Compiled operations kept, by document text; a miss costs one compilation. */
const COMPILED_OPERATIONS_KEPT = 1000;

/**
 * Executes with graphql-jit: an operation is compiled once into plain JavaScript (its field set, argument
 * values and leaf serializers fixed), then run for every request with the same text. The resolvers, and so
 * every strategy's statements and batches, are the same as under graphql-js, without graphql-js's generic walk
 * (per-field argument coercion, type checks, a promise per object with async fields; see
 * docs/benchmarks/NOTES.md). Cached by document text because every request parses anew
 * (`parserAndValidationCache: false`), so a parsed document is never the same object twice.
 */
export function useCompiledExecution(): Plugin {
  type Cache = NonNullable<Parameters<typeof useGraphQlJit>[1]>['cache'];
  const cache: Cache = new LRUCache({ max: COMPILED_OPERATIONS_KEPT });
  return {
    onPluginInit({ addPlugin }) {
      // A document that does not compile (none should, once validated) answers with its errors as the result.
      addPlugin(useGraphQlJit({}, { cache, onError: () => {} }));
      addPlugin({
        onExecute({ executeFn, setExecuteFn }) {
          setExecuteFn(async (args) => asGraphQLJsErrors(await executeFn(withVariableDefaults(args)), args));
        },
      });
    },
  };
}

/**
 * graphql-jit 0.8 reports a non-null variable with a default (`$id: ID! = 3`) as not provided when the request
 * leaves it out, where the spec (and graphql-js) use the default: so the defaults are filled in first, as the
 * client could have sent them.
 */
function withVariableDefaults(args: ExecutionArgs): ExecutionArgs {
  const given = args.variableValues ?? {};
  const missing = getOperationAST(args.document, args.operationName)?.variableDefinitions?.filter(
    (definition) => definition.defaultValue && !Object.hasOwn(given, definition.variable.name.value),
  );
  if (!missing?.length) return args;
  const defaults = Object.fromEntries(missing.map((definition) => [definition.variable.name.value, valueFromASTUntyped(definition.defaultValue!)]));
  return { ...args, variableValues: { ...given, ...defaults } };
}

/**
 * graphql-jit's errors carry `locations` but not the document positions graphql-js's errors do, and Yoga's
 * error masking (and ours for the database) rebuilds an error from those: its location would be lost. So each
 * becomes the GraphQLError graphql-js would have made.
 */
function asGraphQLJsErrors(result: ExecutionResult | AsyncIterable<unknown>, args: ExecutionArgs) {
  if (Symbol.asyncIterator in result || !result.errors?.length) return result;
  const source = args.document.loc?.source;
  // graphql-jit's own error objects pass for GraphQLErrors (its prototype chain includes graphql-js's), but
  // carry locations with no positions behind them.
  const errors = (result.errors as readonly (GraphQLError | JitError)[]).map((error) =>
    !error.locations?.length || ('positions' in error && error.positions)
      ? error
      : new GraphQLError(error.message, {
          source,
          positions: source && error.locations?.map((location) => positionOf(source.body, location)),
          path: error.path,
          originalError: error.originalError,
          extensions: error.extensions,
        }),
  );
  // Errors first, as graphql-js orders them (the spec's advice: they are seen before the data).
  const { errors: _jitErrors, ...rest } = result;
  return { errors, ...rest };
}

interface JitError {
  message: string;
  locations?: readonly SourceLocation[];
  path?: readonly (string | number)[];
  originalError?: Error;
  extensions?: Record<string, unknown>;
}

/** The offset of a line and column (both from 1) in a document, lines ending as graphql-js counts them. */
function positionOf(body: string, { line, column }: SourceLocation): number {
  let offset = 0;
  for (let at = 1; at < line; at++) {
    const end = body.slice(offset).search(/\r\n|[\n\r]/);
    if (end < 0) break;
    offset += end + (body.startsWith('\r\n', offset + end) ? 2 : 1);
  }
  return offset + column - 1;
}
