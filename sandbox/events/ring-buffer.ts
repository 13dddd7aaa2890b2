/**
 * The last `capacity` items, oldest first. Pushing onto a full buffer drops the oldest, so memory
 * stays bounded however long the backend runs.
 */
export class RingBuffer<T> {
  private readonly slots: Array<T | undefined>;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`A ring buffer needs a capacity of at least 1, not ${capacity}.`);
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    const end = (this.start + this.count) % this.capacity;
    this.slots[end] = item;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The items from position `from` (0 = the oldest kept) to the newest. */
  slice(from: number): T[] {
    const items: T[] = [];
    for (let index = Math.max(0, from); index < this.count; index += 1) {
      const item = this.slots[(this.start + index) % this.capacity];
      if (item !== undefined) items.push(item);
    }
    return items;
  }
}
