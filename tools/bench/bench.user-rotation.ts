/**
 * The users the bench's requests are for, handed out one per request, in turn. One rotation
 * serves every run of a condition kind, so each run carries on where the last one stopped: a
 * user comes round again only after every other user has had a request.
 */
export class UserRotation {
  private position = 0;

  /** @throws RangeError when `usernames` is empty or names a user twice. */
  constructor(readonly usernames: readonly string[]) {
    if (usernames.length === 0) throw new RangeError('A user rotation needs at least one user');
    if (new Set(usernames).size !== usernames.length) throw new RangeError('A user rotation must not name a user twice');
  }

  /** The user of the next request. */
  next(): string {
    const username = this.usernames[this.position % this.usernames.length] ?? '';
    this.position += 1;
    return username;
  }
}
