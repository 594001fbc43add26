import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  GraphQLSchema,
  type InputValueDefinitionNode,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedDirective,
  isSpecifiedScalarType,
  isTypeDefinitionNode,
  Kind,
  parse,
  printSchema,
  printType,
  type TypeDefinitionNode,
} from 'graphql';

/** A schema element that may carry applied directives on its AST node. */
interface DirectedElement {
  readonly astNode?: { readonly directives?: readonly ConstDirectiveNode[] } | null;
}

/**
 * The schema's type definitions as an AST, *with* the directives applied through type-graphql's
 * `@Directive` (`@key`, `@shareable`, …), in the schema's type order.
 *
 * graphql-js's `printSchema` drops applied directives, and type-graphql keeps them only on
 * partial `astNode`s (the directives, no fields), so neither alone gives the SDL a subgraph
 * needs; this prints every type with graphql-js and puts the directives back. It does the job of
 * `printSchemaWithDirectives` from `@graphql-tools/utils` in type-graphql's federation example,
 * which is not a dependency of this project.
 */
export function typeDefsWithDirectives(schema: GraphQLSchema): DocumentNode {
  const types = Object.values(schema.getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );
  const customDirectives = schema.getDirectives().filter((directive) => !isSpecifiedDirective(directive));
  // graphql-js prints directive definitions only as part of a schema; one holding just the
  // custom directives yields their definitions (and the types their arguments use, already above).
  const directiveDefinitions =
    customDirectives.length === 0
      ? []
      : parse(printSchema(new GraphQLSchema({ directives: customDirectives }))).definitions.filter(
          (definition) => definition.kind === Kind.DIRECTIVE_DEFINITION,
        );
  return {
    kind: Kind.DOCUMENT,
    definitions: [...types.map(definitionWithDirectives), ...directiveDefinitions],
  };
}

function definitionWithDirectives(type: GraphQLNamedType): TypeDefinitionNode {
  const definition = parseTypeDefinition(printType(type));
  const directives = [
    ...(type.astNode?.directives ?? []),
    ...type.extensionASTNodes.flatMap((node) => node.directives ?? []),
  ];
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_DEFINITION: {
      const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
      return {
        ...definition,
        directives,
        fields: definition.fields?.map((node) => fieldWithDirectives(node, fields[node.name.value])),
      };
    }
    case Kind.INPUT_OBJECT_TYPE_DEFINITION: {
      const fields = isInputObjectType(type) ? type.getFields() : {};
      return {
        ...definition,
        directives,
        fields: definition.fields?.map((node) => inputValueWithDirectives(node, fields[node.name.value])),
      };
    }
    case Kind.ENUM_TYPE_DEFINITION: {
      const values = isEnumType(type) ? type.getValues() : [];
      return {
        ...definition,
        directives,
        values: definition.values?.map((node) => ({
          ...node,
          directives: directivesOf(values.find((value) => value.name === node.name.value)),
        })),
      };
    }
    default:
      return { ...definition, directives };
  }
}

function fieldWithDirectives(
  node: FieldDefinitionNode,
  field: GraphQLField<unknown, unknown> | undefined,
): FieldDefinitionNode {
  return {
    ...node,
    directives: directivesOf(field),
    arguments: node.arguments?.map((argument) =>
      inputValueWithDirectives(argument, field?.args.find((candidate) => candidate.name === argument.name.value)),
    ),
  };
}

function inputValueWithDirectives(
  node: InputValueDefinitionNode,
  value: GraphQLArgument | GraphQLInputField | undefined,
): InputValueDefinitionNode {
  return { ...node, directives: directivesOf(value) };
}

function directivesOf(element: DirectedElement | undefined): readonly ConstDirectiveNode[] {
  return element?.astNode?.directives ?? [];
}

function parseTypeDefinition(sdl: string): TypeDefinitionNode {
  const [definition] = parse(sdl).definitions;
  if (definition === undefined || !isTypeDefinitionNode(definition)) {
    throw new TypeError(`printType produced no type definition: ${sdl}`);
  }
  return definition;
}
