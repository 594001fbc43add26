import { decodePage, encodePage } from '../../src/shared-state/page.codec';
import type { AuthEventsPage } from '../../src/cognito/cognito.client';

describe('the page codec', () => {
  test('gives back exactly the page it encoded, every Date a Date again', () => {
    const page: AuthEventsPage = {
      events: [
        {
          EventId: 'e1',
          EventType: 'SignIn',
          CreationDate: new Date('2026-11-30T08:15:30.123Z'),
          EventRisk: { RiskDecision: 'NoRisk', RiskLevel: 'Low', CompromisedCredentialsDetected: false },
          ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
          EventFeedback: { FeedbackValue: 'Valid', Provider: 'Admin', FeedbackDate: new Date('2026-11-30T09:00:00.000Z') },
        },
        { EventId: 'e2', EventType: 'SomethingNewer' as 'SignIn', CreationDate: new Date(0) },
      ],
      nextToken: 'opaque-token',
    };

    const decoded = decodePage(encodePage(page));

    expect(decoded).toEqual(page);
    expect([decoded.events[0]?.CreationDate instanceof Date, decoded.events[0]?.EventFeedback?.FeedbackDate instanceof Date]).toEqual([true, true]);
  });

  test('refuses a value that is not a page', () => {
    expect(() => decodePage('{"events":"no"}')).toThrow(new TypeError('The cached value is not a Cognito page'));
  });
});
