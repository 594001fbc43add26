import { Kind, parse, print } from 'graphql';
import { COMMITTED_SUBGRAPH_SDL, composeSupergraph } from './supergraph.composition';

const URLS = { users: 'http://users.invalid/graphql', authEvents: 'http://auth-events.invalid/graphql' };

/** Root fields a supergraph's users subgraph usually owns; a second owner would break composition. */
const ROOT_FIELDS_OWNED_ELSEWHERE = ['node', 'user', 'me', 'viewer'];

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

  test('links Federation 2 importing only @key and @shareable, and owns no root field a supergraph owns elsewhere', () => {
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
      ownedElsewhere: rootFields.filter((name) => ROOT_FIELDS_OWNED_ELSEWHERE.includes(name)),
    }).toEqual({
      links: ['@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])'],
      ownedElsewhere: [],
    });
  });
});
