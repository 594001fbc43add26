import { type ConstDirectiveNode, type DocumentNode, Kind, parse, print } from 'graphql';
import { COMMITTED_SUBGRAPH_SDL, composeSupergraph } from './supergraph.composition';

const URLS = { users: 'http://users.invalid/graphql', authEvents: 'http://auth-events.invalid/graphql' };

/** Root fields a supergraph's users subgraph usually owns; a second owner would break composition. */
const ROOT_FIELDS_OWNED_ELSEWHERE = ['node', 'user', 'me', 'viewer'];

/** Where an SDL applies `@cost` and `@listSize`: coordinate → the directives, printed. */
function costDirectivesOf(document: DocumentNode): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  const note = (coordinate: string, directives: readonly ConstDirectiveNode[] | undefined) => {
    const cost = (directives ?? []).filter((directive) => directive.name.value === 'cost' || directive.name.value === 'listSize');
    if (cost.length > 0) found[coordinate] = cost.map((directive) => print(directive));
  };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) continue;
    const typeName = definition.name.value;
    note(typeName, definition.directives);
    for (const field of definition.fields ?? []) {
      note(`${typeName}.${field.name.value}`, field.directives);
      if (!('arguments' in field)) continue;
      for (const argument of field.arguments ?? []) note(`${typeName}.${field.name.value}(${argument.name.value}:)`, argument.directives);
    }
  }
  return found;
}

/** The cost directives of the subgraph (src/limits/router-cost.ts and the resolvers), as routers read them. */
const LIST_SIZE = '@listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)';
const SUBGRAPH_COST_DIRECTIVES = {
  AuthChallengeResponse: ['@cost(weight: 0)'],
  AuthEvent: ['@cost(weight: 0)'],
  AuthEventConnection: ['@cost(weight: 0)'],
  AuthEventContextData: ['@cost(weight: 0)'],
  AuthEventFeedback: ['@cost(weight: 0)'],
  AuthEventRisk: ['@cost(weight: 0)'],
  'Mutation.updateAuthEventFeedback': ['@cost(weight: 300)'],
  'Query.authEvents': ['@cost(weight: 60)', LIST_SIZE],
  'Query.authEvents(filter:)': ['@cost(weight: 240)'],
  'Query.authEvent': ['@cost(weight: 300)'],
  UpdateAuthEventFeedbackPayload: ['@cost(weight: 0)'],
  'User.authEvents': ['@cost(weight: 60)', LIST_SIZE],
  'User.authEvents(filter:)': ['@cost(weight: 240)'],
};

describe('composition with a users subgraph', () => {
  test('composes without errors, with description hints on the shared User and PageInfo only', () => {
    const result = composeSupergraph(URLS);

    // Both subgraphs describe the elements they share in their own words; composition keeps one
    // description and reports the others. Nothing else differs between them.
    expect({
      errors: result.errors?.map((error) => error.message),
      hints: result.hints?.map((hint) => [hint.definition.code, hint.coordinate]),
    }).toEqual({
      errors: undefined,
      hints: [
        ['INCONSISTENT_DESCRIPTION', 'PageInfo'],
        ['INCONSISTENT_DESCRIPTION', 'PageInfo.hasNextPage'],
        ['INCONSISTENT_DESCRIPTION', 'PageInfo.hasPreviousPage'],
        ['INCONSISTENT_DESCRIPTION', 'PageInfo.startCursor'],
        ['INCONSISTENT_DESCRIPTION', 'PageInfo.endCursor'],
        ['INCONSISTENT_DESCRIPTION', 'User'],
        ['INCONSISTENT_DESCRIPTION', 'User.id'],
      ],
    });
  });

  test("gives the supergraph's User the users subgraph's email and this subgraph's authEvents", () => {
    const result = composeSupergraph(URLS);
    const apiSchema = result.schema?.toAPISchema().toGraphQLJSSchema();
    const fieldsOf = (typeName: string) => {
      const type = apiSchema?.getType(typeName);
      return type !== undefined && 'getFields' in type ? Object.keys(type.getFields()).sort() : undefined;
    };

    expect({
      user: fieldsOf('User'),
      pageInfo: fieldsOf('PageInfo'),
      queryHasUsersAndAuthEvents: ['users', 'user', 'authEvents'].every((name) => fieldsOf('Query')?.includes(name)),
    }).toEqual({
      user: ['authEvents', 'email', 'id'],
      pageInfo: ['endCursor', 'hasNextPage', 'hasPreviousPage', 'startCursor'],
      queryHasUsersAndAuthEvents: true,
    });
  });

  test('keeps the cost directives in the supergraph, linking the cost spec routers read them from', () => {
    const supergraph = parse(composeSupergraph(URLS).supergraphSdl ?? '');
    const links = supergraph.definitions.flatMap((definition) =>
      definition.kind === Kind.SCHEMA_DEFINITION ? (definition.directives ?? []).filter((directive) => directive.name.value === 'link') : [],
    );

    expect({
      costLink: links.map((link) => print(link)).filter((link) => link.includes('/cost/')),
      directives: costDirectivesOf(supergraph),
    }).toEqual({
      // `@cost` is the spec's own name, so it needs no import.
      costLink: ['@link(url: "https://specs.apollo.dev/cost/v0.1", import: ["@listSize"])'],
      directives: SUBGRAPH_COST_DIRECTIVES,
    });
  });

  test('links Federation 2.9 importing only the directives it applies, and owns no root field a supergraph owns elsewhere', () => {
    const document = parse(COMMITTED_SUBGRAPH_SDL);
    const links = document.definitions.flatMap((definition) =>
      definition.kind === Kind.SCHEMA_EXTENSION
        ? (definition.directives ?? []).filter((directive) => directive.name.value === 'link')
        : [],
    );
    const rootFields = document.definitions.flatMap((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Query'
        ? (definition.fields ?? []).map((field) => field.name.value)
        : [],
    );

    expect({
      links: links.map((link) => print(link)),
      costDirectives: costDirectivesOf(document),
      ownedElsewhere: rootFields.filter((name) => ROOT_FIELDS_OWNED_ELSEWHERE.includes(name)),
    }).toEqual({
      links: ['@link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@cost", "@listSize"])'],
      costDirectives: SUBGRAPH_COST_DIRECTIVES,
      ownedElsewhere: [],
    });
  });
});
