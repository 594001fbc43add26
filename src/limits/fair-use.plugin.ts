import type { ApolloServerPlugin } from '@apollo/server';
import { type FragmentDefinitionNode, Kind } from 'graphql';
import type { Caller } from '../auth/caller';
import { GatewayError, GatewayErrorCode } from '../errors/gateway-errors';
import type { CallerReadBuckets } from './caller-read-buckets';
import { cognitoReadsOf, type OperationCostOptions } from './operation-cost';
import { OperationLimitError } from './operation-limit.error';

/** What the fair-use check needs. */
export interface FairUseOptions extends OperationCostOptions {
  /** Most Cognito reads one operation may need (`MAX_OPERATION_COGNITO_READS`). */
  readonly maxOperationCognitoReads: number;
  readonly buckets: CallerReadBuckets;
  /** Hears of each operation refused for the caller's rate (metrics). */
  readonly onCallerRateLimited?: () => void;
}

/**
 * Fair use of the account's Cognito quota, decided once the operation is known and before it
 * executes: an operation that may need more than `MAX_OPERATION_COGNITO_READS` reads is
 * refused (`400 OPERATION_LIMIT_EXCEEDED`), and one whose reads the caller's bucket does not
 * hold is refused (`429 RATE_LIMITED` with `retryAfterSeconds` and `Retry-After`). Either way
 * nothing runs and Cognito sees no call; other callers' buckets are untouched.
 */
export function fairUsePlugin<TContext extends { readonly caller: Caller }>(options: FairUseOptions): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (operation === undefined) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const reads = cognitoReadsOf(schema, operation, fragments, request.variables ?? {}, options);
          if (reads > options.maxOperationCognitoReads) {
            throw new OperationLimitError(
              'MAX_OPERATION_COGNITO_READS',
              options.maxOperationCognitoReads,
              `This operation may need ${reads} Cognito reads; the limit is ${options.maxOperationCognitoReads} (MAX_OPERATION_COGNITO_READS). Ask for fewer users or smaller pages.`,
            );
          }
          if (reads === 0) return;
          const decision = await options.buckets.take(contextValue.caller.id, reads);
          if (!decision.granted) {
            options.onCallerRateLimited?.();
            throw new GatewayError(
              `You are over your rate of Cognito reads; retry in ${decision.retryAfterSeconds} s.`,
              {
                code: GatewayErrorCode.RATE_LIMITED,
                retryAfterSeconds: decision.retryAfterSeconds,
                http: { status: 429, headers: new Map([['retry-after', String(decision.retryAfterSeconds)]]) },
              },
            );
          }
        },
      };
    },
  };
}
