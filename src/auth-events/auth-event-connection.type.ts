import { ObjectType } from 'type-graphql';
import { ConnectionType } from '../pagination/connection.type';
import { AuthEvent } from './auth-event.type';

/** A page of a user's authentication history, newest first. */
@ObjectType({
  description:
    "A page of a user's authentication events, newest first (Relay Cursor Connections; forward only).",
})
export class AuthEventConnection extends ConnectionType(AuthEvent, 'AuthEvent') {}
