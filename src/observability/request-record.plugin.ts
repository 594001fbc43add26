import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestRecord } from './request-record';

/**
 * Fills each request's record from Apollo's pipeline: the operation once resolved (its name
 * as the parsed document spells it, never the client's unchecked `operationName`), and the
 * error codes and whether data came back once the answer is ready.
 */
export function requestRecordPlugin<TContext extends { readonly record: RequestRecord }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          contextValue.record.operationName = operation?.name?.value;
          contextValue.record.operationType = operation?.operation;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          contextValue.record.hasData = data !== undefined && data !== null;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            if (typeof code === 'string') contextValue.record.errorCodes.add(code);
          }
        },
      };
    },
  };
}
