import { GraphQLError } from 'graphql';

/** The joined planner's refusals: a plan past JOINED_MAX_RELATIONS or JOINED_MAX_TO_MANY, before any SQL. */
export function tooManyRelations(field: string, max: number): GraphQLError {
  return planTooLarge(`x-strategy joined loads at most ${max} relations in one statement (JOINED_MAX_RELATIONS); ${field} selects more`, {
    limit: 'JOINED_MAX_RELATIONS',
    allowed: max,
  });
}

export function tooManyLists(field: string, max: number, paths: string[]): GraphQLError {
  return planTooLarge(
    `x-strategy joined joins at most ${max} list relations in one statement (JOINED_MAX_TO_MANY), as each multiplies ` +
      `the rows it returns; ${field} selects ${paths.length}: ${paths.join(', ')}`,
    { limit: 'JOINED_MAX_TO_MANY', allowed: max, found: paths.length },
  );
}

function planTooLarge(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(`${message}. Select fewer relations, or send x-strategy: batched`, {
    extensions: { code: 'JOINED_PLAN_TOO_LARGE', ...extensions },
  });
}
