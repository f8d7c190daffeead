import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { quoteClipped } from '../quote';

/** What a POST body may be, as Yoga's request parsers read them (multipart is off: the schema takes no uploads). */
const POST_TYPES = ['application/json', 'application/graphql+json', 'application/graphql', 'application/x-www-form-urlencoded'];

/**
 * Errors from before GraphQL runs, made to say what to send and to echo nothing back: 415 names the accepted
 * content types, 413 the body limit; outside development no error carries `originalError` (Yoga puts the
 * parser's message there, and with it a piece of the body that failed to parse).
 */
export function useRequestErrors({ maxBodyBytes, development }: { maxBodyBytes: number; development: boolean }): Plugin {
  const rewrite = (error: GraphQLError): GraphQLError => {
    const { originalError, ...extensions } = error.extensions ?? {};
    if (extensions.code === 'REQUEST_ENTITY_TOO_LARGE') {
      return createGraphQLError(`Request body is larger than ${maxBodyBytes} bytes (MAX_BODY_BYTES)`, { extensions });
    }
    if (development || originalError === undefined) return error;
    // Yoga keeps a malformed request's 400 under `accept: application/json` only while originalError is there;
    // `spec: false` keeps it without.
    const http = { ...(extensions.http as object), spec: false };
    return createGraphQLError(error.message, { extensions: { ...extensions, http } });
  };

  return {
    // Yoga's parsers (registered before any plugin of ours) have had their say: none took this content type.
    onRequestParse({ request, requestParser }) {
      if (requestParser || request.method !== 'POST') return;
      const type = request.headers.get('content-type');
      throw createGraphQLError(
        `${type ? `Unsupported Content-Type ${quoteClipped(type)}` : 'No Content-Type'}: POST the operation as ` +
          `${POST_TYPES[0]} (or ${POST_TYPES.slice(1).join(', ')}), or send it with GET`,
        { extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415, headers: { 'accept-post': POST_TYPES.join(', ') } } } },
      );
    },
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => rewrite(error as GraphQLError)) });
    },
  };
}
