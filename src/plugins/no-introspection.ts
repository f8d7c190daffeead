import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';

/**
 * INTROSPECTION=off: `__schema` and `__type` are refused (graphql-js's own rule), and validation errors lose
 * their "Did you mean …?" suggestions (graphql-armor), which would otherwise reveal the schema field by field.
 */
export function useNoIntrospection(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin({ onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule) });
      addPlugin(blockFieldSuggestionsPlugin<YogaInitialContext>({ mask: '' }));
    },
  };
}
