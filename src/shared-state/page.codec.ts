import type { AuthEventsPage } from '../cognito/cognito.client';

/** The one property of an object that stands for a `Date` in encoded pages (Cognito's members are capitalised, so never this). */
const DATE_TAG = '$date';

/**
 * A Cognito page as text, for a cache outside this process. JSON, except that each `Date` (an
 * event's `CreationDate`, its feedback's `FeedbackDate`) becomes `{"$date": <epoch ms>}`, so
 * `decodePage` gives back exactly the page the SDK returned.
 */
export function encodePage(page: AuthEventsPage): string {
  return JSON.stringify(page, function (this: Record<string, unknown>, key: string, value: unknown) {
    // `value` is already the result of Date#toJSON; the holder still has the Date itself.
    const original = this[key];
    return original instanceof Date ? { [DATE_TAG]: original.getTime() } : value;
  });
}

/**
 * The page `encodePage` encoded.
 *
 * @throws SyntaxError when `text` is not JSON; TypeError when it is not a page.
 */
export function decodePage(text: string): AuthEventsPage {
  const page: unknown = JSON.parse(text, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === DATE_TAG) {
        const time = (value as Record<string, unknown>)[DATE_TAG];
        // An invalid Date encodes its NaN time as null.
        return new Date(typeof time === 'number' ? time : Number.NaN);
      }
    }
    return value;
  });
  if (
    typeof page !== 'object' ||
    page === null ||
    !Array.isArray((page as { events?: unknown }).events) ||
    !('nextToken' in page)
  ) {
    throw new TypeError('The cached value is not a Cognito page');
  }
  return page as AuthEventsPage;
}
