import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildSchema, findBreakingChanges, parse, printSchema, specifiedDirectives } from 'graphql';
import { buildGatewaySchema } from '../../src/schema/build-schema';
import { printClientSchema, toClientSchema } from '../../src/schema/print-client-schema';

const committedClientSchema = () => readFile(resolve(__dirname, '..', '..', 'schema.client.graphql'), 'utf8');

describe('the client schema (schema.client.graphql)', () => {
  it('is what npm run schema prints, so the committed file is current', async () => {
    expect(await committedClientSchema()).toBe(await printClientSchema());
  });

  it('has no federation link, directives, root fields or types, so Relay and IDE tools read it as it is', async () => {
    const sdl = await committedClientSchema();
    const definitions = parse(sdl).definitions;
    expect(definitions.some((definition) => definition.kind.endsWith('Extension'))).toBe(false);
    expect(definitions.some((definition) => definition.kind === 'DirectiveDefinition')).toBe(false);
    expect(sdl).not.toMatch(/@(link|key|shareable|external|requires|provides)\b/);
    const schema = buildSchema(sdl);
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).sort()).toEqual(['authEvent', 'authEvents']);
    expect(Object.keys(schema.getMutationType()?.getFields() ?? {})).toEqual(['updateAuthEventFeedback']);
    expect(Object.keys(schema.getTypeMap()).filter((name) => name.startsWith('_') && !name.startsWith('__'))).toEqual([]);
    expect(schema.getType('User')).toBeUndefined();
    expect(schema.getDirectives().map((directive) => directive.name)).toEqual(specifiedDirectives.map((directive) => directive.name));
  });

  it('keeps every client-reachable type and field of the gateway, with its description', async () => {
    const gateway = await buildGatewaySchema();
    const client = buildSchema(await committedClientSchema());
    // Nothing a client can send to the gateway is missing or typed differently in the file.
    expect(findBreakingChanges(toClientSchema(gateway), client)).toEqual([]);
    expect(findBreakingChanges(client, toClientSchema(gateway))).toEqual([]);
    expect(client.getType('AuthEvent')?.description).toBe(gateway.getType('AuthEvent')?.description);
    expect(printSchema(client)).toContain('"""Cognito\'s id of the event."""');
  });
});
