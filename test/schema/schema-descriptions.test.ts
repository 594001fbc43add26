import 'reflect-metadata';
import {
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema';

/** Types `@apollo/subgraph` and the federation spec add; they are theirs to describe. */
function isFederationMachinery(name: string): boolean {
  return name.startsWith('_') || name.startsWith('link__') || name.startsWith('federation__');
}

/** Every schema coordinate of ours that has no description. */
function undescribedCoordinates(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  const check = (coordinate: string, description: string | null | undefined) => {
    if (description === null || description === undefined || description.trim() === '') missing.push(coordinate);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || isSpecifiedScalarType(type) || isFederationMachinery(type.name)) continue;
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
    if (!isRoot) check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (isFederationMachinery(field.name)) continue;
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of field.args) check(`${type.name}.${field.name}(${arg.name}:)`, arg.description);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) check(`${type.name}.${field.name}`, field.description);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
    } else if (isUnionType(type)) {
      continue;
    }
  }
  return missing;
}

describe('the schema', () => {
  test('describes every type, field, argument, input field and enum value it defines', async () => {
    expect(undescribedCoordinates(await buildGatewaySchema())).toEqual([]);
  });
});
