import {
  AdminListUserAuthEventsCommand,
  paginateAdminListUserAuthEvents,
  type AuthEventType,
} from '@aws-sdk/client-cognito-identity-provider';
import { BOUNDARY_USER_EVENT_COUNTS, DEMO_POOL_ID, seedUser } from '../src';
import { asSdkEvent, collectPages, describeSdkError, expectedPageSizes, sdkErrorOf, useEmulatorFixture } from './emulator.helpers';


const fixture = useEmulatorFixture();

const boundaryUsers = Object.entries(BOUNDARY_USER_EVENT_COUNTS);

describe('paging through AdminListUserAuthEvents', () => {
  describe.each([0, 1, 59, 60, undefined])('with MaxResults %p', (maxResults) => {
    it.each(boundaryUsers)('returns every event of %s exactly once, newest first, in Cognito-sized pages', async (username, total) => {
      const collected = await collectPages(fixture.client, DEMO_POOL_ID, username, maxResults);

      expect(collected).toEqual({
        pageSizes: expectedPageSizes(total, maxResults === undefined || maxResults === 0 ? 60 : maxResults, true),
        events: fixture.emulator.store.eventsOf(DEMO_POOL_ID, username).map(asSdkEvent),
      });
    });
  });

  it.each(boundaryUsers)('collects every event of %s exactly once with the SDK paginator', async (username) => {
    const events: AuthEventType[] = [];
    for await (const page of paginateAdminListUserAuthEvents({ client: fixture.client, pageSize: 25 }, { UserPoolId: DEMO_POOL_ID, Username: username })) {
      events.push(...(page.AuthEvents ?? []));
    }

    expect(events).toEqual(fixture.emulator.store.eventsOf(DEMO_POOL_ID, username).map(asSdkEvent));
  });

  it('ends a page that stops exactly at the oldest event with a NextToken whose page is empty and tokenless', async () => {
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'full-page' }));
    const second = await fixture.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'full-page', NextToken: first.NextToken }),
    );

    expect(first).toEqual({
      $metadata: expect.any(Object),
      AuthEvents: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'full-page').map(asSdkEvent),
      NextToken: expect.any(String),
    });
    expect(second).toEqual({ $metadata: expect.any(Object), AuthEvents: [] });
  });

  it('ends such a page without a NextToken when trailingEmptyPage is off', async () => {
    fixture.emulator.setOptions({ trailingEmptyPage: false });

    const page = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'full-page' }));
    const collected = await collectPages(fixture.client, DEMO_POOL_ID, 'two-full-pages', 60);

    expect(page).toEqual({ $metadata: expect.any(Object), AuthEvents: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'full-page').map(asSdkEvent) });
    expect(collected.pageSizes).toEqual([60, 60]);
  });

  it('restarts from the same position when a NextToken is reused with another MaxResults', async () => {
    const all = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'frequent-flyer').map(asSdkEvent);
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'frequent-flyer', MaxResults: 10 }));

    const small = await fixture.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'frequent-flyer', MaxResults: 3, NextToken: first.NextToken }),
    );
    const large = await fixture.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'frequent-flyer', MaxResults: 50, NextToken: first.NextToken }),
    );

    expect(first.AuthEvents).toEqual(all.slice(0, 10));
    expect(small.AuthEvents).toEqual(all.slice(10, 13));
    expect(large.AuthEvents).toEqual(all.slice(10, 60));
  });

  it('keeps the next page stable when newer events arrive between pages', async () => {
    const before = fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'two-full-pages').map(asSdkEvent);
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'two-full-pages', MaxResults: 60 }));

    const newest = fixture.emulator.store.recordEvent(DEMO_POOL_ID, 'two-full-pages');
    const second = await fixture.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'two-full-pages', NextToken: first.NextToken }),
    );
    const restart = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'two-full-pages', MaxResults: 1 }));

    expect(second.AuthEvents).toEqual(before.slice(60));
    expect(restart.AuthEvents).toEqual([asSdkEvent(newest)]);
  });

  it.each([
    ['email alias', seedUser('alice').email],
    ['sub', seedUser('alice').sub],
  ])('finds the user by %s and pages the same events', async (_kind, identifier) => {
    const collected = await collectPages(fixture.client, DEMO_POOL_ID, identifier, 10);

    expect(collected).toEqual({ pageSizes: [10, 10, 10, 10, 2], events: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice').map(asSdkEvent) });
  });

  it('accepts a NextToken issued for the username when the next page is asked for by sub', async () => {
    const first = await fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: 40 }));
    const second = await fixture.client.send(
      new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: seedUser('alice').sub, NextToken: first.NextToken }),
    );

    expect(second).toEqual({ $metadata: expect.any(Object), AuthEvents: fixture.emulator.store.eventsOf(DEMO_POOL_ID, 'alice').slice(40).map(asSdkEvent) });
  });

  it.each([
    [61, "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60"],
    [-1, "1 validation error detected: Value '-1' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 0"],
  ])('rejects MaxResults %p with an AWS validation message', async (maxResults, message) => {
    const error = await sdkErrorOf(() =>
      fixture.client.send(new AdminListUserAuthEventsCommand({ UserPoolId: DEMO_POOL_ID, Username: 'alice', MaxResults: maxResults })),
    );

    expect(describeSdkError(error)).toEqual({ name: 'InvalidParameterException', message, fault: 'client', httpStatusCode: 400 });
  });
});
