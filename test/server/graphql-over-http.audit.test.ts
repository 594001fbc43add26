import { type AuditResult, serverAudits } from 'graphql-http';
import { startTestStack, type TestStack } from '../support/test-stack';

/**
 * The audits that send GET requests without Apollo's CSRF-prevention header: a GET is a
 * "simple" request a browser sends cross-origin without a preflight, so the gateway refuses it
 * (`400 BAD_REQUEST`) unless it carries `apollo-require-preflight` or `x-apollo-operation-name`.
 * These are MAYs; with the header they pass.
 */
const GET_AUDITS_NEEDING_THE_CSRF_HEADER = ['5A70', 'D6D5', '6A70'];

let stack: TestStack | undefined;
beforeAll(async () => {
  // Development mode (the test stack's default): introspection is on, and the audits ask for `__type`.
  stack = await startTestStack();
});
afterAll(() => stack?.close());

function graphqlUrl(): string {
  if (stack === undefined) throw new Error('the test stack did not start');
  return stack.gateway.graphqlUrl;
}

/** The audits' fetch, with the bearer token every request needs and, if asked, the CSRF header. */
function fetchAs(withCsrfHeader: boolean) {
  return (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    if (stack === undefined) throw new Error('the test stack did not start');
    const headers = new Headers(init.headers);
    headers.set('authorization', stack.authorization);
    if (withCsrfHeader) headers.set('apollo-require-preflight', 'true');
    return fetch(input, { ...init, headers });
  };
}

/** An audit's result as the tests compare it: ok, or its status, reason and body. */
async function outcomeOf(result: AuditResult): Promise<{ status: string; reason?: string; body?: unknown }> {
  if (result.status === 'ok') return { status: 'ok' };
  return { status: result.status, reason: result.reason, body: JSON.parse(await result.response.text()) };
}

describe('GraphQL over HTTP: every audit of graphql-http 1.23.1 (13 MUST, 23 SHOULD, 25 MAY) with token and CSRF header', () => {
  for (const audit of serverAudits({ url: graphqlUrl, fetchFn: fetchAs(true) })) {
    test(`${audit.id} ${audit.name}`, async () => {
      expect(await outcomeOf(await audit.fn())).toEqual({ status: 'ok' });
    });
  }
});

describe('GraphQL over HTTP without the CSRF header', () => {
  const withoutHeader = serverAudits({ url: graphqlUrl, fetchFn: fetchAs(false) });
  for (const audit of withoutHeader.filter(({ id }) => GET_AUDITS_NEEDING_THE_CSRF_HEADER.includes(id))) {
    test(`${audit.id} ${audit.name}: refused with 400 BAD_REQUEST, as CSRF prevention requires`, async () => {
      const outcome = await outcomeOf(await audit.fn());

      expect({ status: outcome.status, codes: (outcome.body as { errors?: Array<{ extensions?: { code?: string } }> }).errors?.map((e) => e.extensions?.code) }).toEqual({
        status: 'notice',
        codes: ['BAD_REQUEST'],
      });
    });
  }

  test('leaves every other audit passing', async () => {
    const others = withoutHeader.filter(({ id }) => !GET_AUDITS_NEEDING_THE_CSRF_HEADER.includes(id));
    const failing: string[] = [];
    for (const audit of others) if ((await audit.fn()).status !== 'ok') failing.push(audit.id);

    expect(failing).toEqual([]);
  });
});
