import { timingSafeEqual } from 'node:crypto';
import { getOperationAST, OperationTypeNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import type { WriteAccess } from '../config';
import type { RequestContext } from '../context';

/**
 * Mutations need `Authorization: Bearer <WRITE_TOKEN>` when a token is configured; without one they are allowed
 * except under NODE_ENV=production. Checked when execution starts, before any resolver: a refused write never
 * reaches the database. Queries never need the token.
 */
export function useWriteAccess({ token, allowedWithoutToken }: WriteAccess): Plugin<RequestContext> {
  const expected = token === undefined ? undefined : Buffer.from(token);
  return {
    onExecute({ args }) {
      if (getOperationAST(args.document, args.operationName)?.operation !== OperationTypeNode.MUTATION) return;
      if (expected === undefined) {
        if (allowedWithoutToken) return;
        throw createGraphQLError('Writes are off: NODE_ENV=production and no WRITE_TOKEN is set', {
          extensions: { code: 'FORBIDDEN', http: { status: 403 } },
        });
      }
      const given = /^Bearer (.+)$/i.exec(args.contextValue.request.headers.get('authorization')?.trim() ?? '')?.[1];
      if (given === undefined || !sameSecret(Buffer.from(given), expected)) {
        throw createGraphQLError(
          `Mutations need "Authorization: Bearer <WRITE_TOKEN>"; ${given === undefined ? 'none was sent' : 'the token sent is not it'}`,
          {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: { 'www-authenticate': 'Bearer' } } },
          },
        );
      }
    },
  };
}

/** Compared in constant time, so the time a refusal takes says nothing about how much of the token was right. */
function sameSecret(given: Buffer, expected: Buffer): boolean {
  return given.length === expected.length && timingSafeEqual(given, expected);
}
