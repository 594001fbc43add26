import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * An Apollo Client for the gateway: every request carries `Authorization` from `authorization()`
 * (called per request, so it can hand out a refreshed token), and the cache merges the pages of
 * `authEvents` into one list.
 */
export function createApolloClient(authorization: () => Promise<string>, uri = '/graphql'): ApolloClient {
  const withAuthorization = new SetContextLink(async (previous) => ({
    headers: { ...previous.headers, authorization: await authorization() },
  }));
  return new ApolloClient({
    link: withAuthorization.concat(new HttpLink({ uri })),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // One list per user, pool and filter; `first` and `after` only say which page to append.
            authEvents: relayStylePagination(['username', 'userPoolId', 'filter']),
          },
        },
      },
    }),
  });
}
