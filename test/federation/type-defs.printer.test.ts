import 'reflect-metadata';
import { print } from 'graphql';
import { Arg, Directive, Field, InputType, Int, ObjectType, Query, Resolver, buildSchema } from 'type-graphql';
import { typeDefsWithDirectives } from '../../src/federation/type-defs.printer';

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A thing.' })
class Thing {
  @Field(() => String, { description: 'Its id.' })
  id!: string;

  @Directive('@shareable')
  @Field(() => Int)
  size!: number;
}

@InputType()
class ThingFilter {
  @Directive('@deprecated(reason: "use id")')
  @Field(() => String, { nullable: true })
  name?: string;
}

@Resolver()
class ThingResolver {
  @Query(() => Thing, { nullable: true })
  thing(
    @Arg('id', () => String) @Directive('@tag(name: "public")') _id: string,
    @Arg('filter', () => ThingFilter, { nullable: true }) _filter?: ThingFilter,
  ): Thing | null {
    return null;
  }
}

describe('typeDefsWithDirectives', () => {
  test('prints every type with the directives applied to types, fields, arguments and input fields', async () => {
    const schema = await buildSchema({ resolvers: [ThingResolver] });

    expect(print(typeDefsWithDirectives(schema))).toEqual(
      [
        'type Query {\n  thing(filter: ThingFilter, id: String! @tag(name: "public")): Thing\n}',
        '"""A thing."""\ntype Thing @key(fields: "id") {\n  """Its id."""\n  id: String!\n  size: Int! @shareable\n}',
        'input ThingFilter {\n  name: String @deprecated(reason: "use id")\n}',
      ].join('\n\n'),
    );
  });
});
