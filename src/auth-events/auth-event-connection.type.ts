import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../pagination/connection.type';
import { AuthEvent } from './auth-event.type';

/**
 * A page of a user's authentication history, newest first.
 *
 * `simpleResolvers` here and on every plain object type: their fields are read straight off
 * the object by graphql-js, instead of through a type-graphql wrapper per field that only
 * runs middlewares this schema does not have (measured: a few percent of a request's CPU).
 */
@ObjectType({
  simpleResolvers: true,
  description:
    "A page of a user's authentication events, newest first (Relay Cursor Connections; forward only).",
})
export class AuthEventConnection extends ConnectionType(AuthEvent, 'AuthEvent') {}
