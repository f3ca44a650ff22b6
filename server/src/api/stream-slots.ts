/**
 * How many long-lived streams each user holds open in this process. A stream costs a
 * connection and a database read every poll; without a cap one account could open
 * thousands and keep an idle API process busy.
 */
export class StreamSlots {
  private readonly openByUser = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /**
   * Takes one of the user's slots: the function that gives it back (calling it again
   * does nothing), or null when the user's slots are all taken.
   */
  take(userId: string): (() => void) | null {
    const open = this.openOf(userId);
    if (open >= this.perUser) return null;
    this.openByUser.set(userId, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.openOf(userId) - 1;
      // Users without streams leave no entry behind: the map stays as small as the open streams.
      if (left > 0) this.openByUser.set(userId, left);
      else this.openByUser.delete(userId);
    };
  }

  openOf(userId: string): number {
    return this.openByUser.get(userId) ?? 0;
  }
}
