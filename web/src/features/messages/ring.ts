/**
 * Fixed-capacity buffer that keeps the newest `capacity` items. Index 0 is the
 * newest (the live tail shows newest first). Every item ever pushed has a
 * sequence number, which makes a stable key for the virtualized list.
 */
export class Ring<T> {
  private readonly buf: (T | undefined)[];
  private head = 0; // next write position
  private count = 0;
  private pushed = 0;

  constructor(readonly capacity: number) {
    this.buf = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Items ever pushed (including those since overwritten). */
  get total(): number {
    return this.pushed;
  }

  push(items: readonly T[]): void {
    // Only the last `capacity` of a burst can survive; skip writing the rest.
    const start = Math.max(0, items.length - this.capacity);
    for (let i = start; i < items.length; i++) {
      this.buf[this.head] = items[i];
      this.head = (this.head + 1) % this.capacity;
    }
    this.pushed += items.length;
    this.count = Math.min(this.capacity, this.count + items.length);
  }

  /** i = 0 is the newest item. */
  at(i: number): T | undefined {
    if (i < 0 || i >= this.count) return undefined;
    return this.buf[(this.head - 1 - i + this.capacity * 2) % this.capacity];
  }

  /** Sequence number of the item at i (newest first). */
  seq(i: number): number {
    return this.pushed - 1 - i;
  }

  clear(): void {
    this.buf.fill(undefined);
    this.head = 0;
    this.count = 0;
  }
}
