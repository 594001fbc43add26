import * as emulator from 'cognito-auth-events-emulator';
import * as gateway from '../../src/cognito/cognito.constraints';

/**
 * The gateway validates Cognito's documented constraints before calling; the emulator enforces
 * them as Cognito does. Each states them on its own (an emulator sharing the gateway's code would
 * agree with any mistake in it), and this test keeps the two statements equal.
 */
describe("Cognito's documented constraints", () => {
  test('are stated the same by the gateway and by the emulator', () => {
    const tableOf = (rules: typeof gateway | typeof emulator) => ({
      userPoolId: rules.USER_POOL_ID_RULE,
      username: rules.USERNAME_RULE,
      eventId: rules.EVENT_ID_RULE,
      feedbackToken: rules.FEEDBACK_TOKEN_RULE,
      nextToken: rules.NEXT_TOKEN_RULE,
      pageSize: rules.MAX_AUTH_EVENTS_PAGE_SIZE,
      feedbackValues: rules.FEEDBACK_VALUES,
    });

    expect(tableOf(emulator)).toEqual(tableOf(gateway));
  });
});
