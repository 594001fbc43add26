import { AdminListUserAuthEventsCommand, type CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { NEXT_TOKEN_RULE } from '../src/emulator.constraints';
import { DEMO_POOL_ID, startCognitoEmulator, type CognitoEmulator } from '../src';
import { createFeedbackToken, decodeNextToken, encodeNextToken, isFeedbackTokenFor } from '../src/emulator.tokens';
import { asSdkEvent, collectPages, createCognitoClient } from './emulator.helpers';

const claims = { userPoolId: DEMO_POOL_ID, sub: '2ff34ee7-3b48-4552-b9f1-a23982be70e0', creationDate: 1793445610.878, eventId: 'f0e245c4-6993-4ebb-acd8-549e7c459d70' };

describe('NextToken encoding', () => {
  it('decodes what it encodes', () => {
    expect(decodeNextToken(encodeNextToken(claims))).toEqual(claims);
  });

  it('pads to the length asked for and still decodes', () => {
    const token = encodeNextToken(claims, 5000);

    expect({ length: token.length, noWhiteSpace: /^\S+$/.test(token), claims: decodeNextToken(token) }).toEqual({ length: 5000, noWhiteSpace: true, claims });
  });

  it.each([
    ['a changed payload', (token: string) => `${token.startsWith('e') ? 'f' : 'e'}${token.slice(1)}`],
    ['a changed signature', (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['extra parts', (token: string) => `${token}.AAAA.AAAA`],
    ['foreign padding', (token: string) => `${token}.BBBB`],
    ['no signature', (token: string) => token.split('.')[0] ?? ''],
  ])('refuses a token with %s', (_case, mangle) => {
    expect(decodeNextToken(mangle(encodeNextToken(claims)))).toBeUndefined();
  });
});

describe('feedback tokens', () => {
  it('are bound to pool, user and event', () => {
    const token = createFeedbackToken(claims);

    expect({
      same: isFeedbackTokenFor(token, claims),
      otherEvent: isFeedbackTokenFor(token, { ...claims, eventId: 'other' }),
      otherUser: isFeedbackTokenFor(token, { ...claims, sub: 'other' }),
      otherPool: isFeedbackTokenFor(token, { ...claims, userPoolId: 'eu-west-1_Other' }),
    }).toEqual({ same: true, otherEvent: false, otherUser: false, otherPool: false });
  });
});

describe('long NextTokens', () => {
  let emulator: CognitoEmulator;
  let client: CognitoIdentityProviderClient;

  beforeAll(async () => {
    emulator = await startCognitoEmulator({ nextTokenMinLength: NEXT_TOKEN_RULE.maxLength });
    client = createCognitoClient(emulator.endpoint);
  });

  afterAll(async () => {
    client.destroy();
    await emulator.close();
  });

  it('issues 131,072-character tokens that the SDK can send back to page through every event', async () => {
    const first = await client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'two-full-pages', MaxResults: 50 }));
    const collected = await collectPages(client, DEMO_POOL_ID, 'two-full-pages', 50);

    expect(first.NextToken?.length).toBe(NEXT_TOKEN_RULE.maxLength);
    expect(collected).toEqual({ pageSizes: [50, 50, 20], events: emulator.store.eventsOf(DEMO_POOL_ID, 'two-full-pages').map(asSdkEvent) });
  });

  it('refuses a padding beyond what Cognito accepts back', async () => {
    expect(() => emulator.setOptions({ nextTokenMinLength: NEXT_TOKEN_RULE.maxLength + 1 })).toThrow(
      new RangeError('nextTokenMinLength must be an integer from 0 to 131072, got 131073'),
    );
    await expect(startCognitoEmulator({ nextTokenMinLength: -1 })).rejects.toThrow(RangeError);
  });
});
