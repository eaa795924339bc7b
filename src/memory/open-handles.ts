/**
 * Where a registered handle keeps its place in an {@link OpenHandles} list. A symbol keeps
 * the field out of enumeration, so a writer or reader still prints and compares as before.
 */
export const HANDLE_SLOT: unique symbol = Symbol("omnistorage.openHandle");

/** Something {@link OpenHandles} can hold: it carries its own slot field (initially undefined). */
export interface Registrable {
  [HANDLE_SLOT]: object | undefined;
}

interface Slot<K, V> {
  readonly owner: OpenHandles<K & Registrable, V>;
  value: V;
  prev: Slot<K, V> | undefined;
  next: Slot<K, V> | undefined;
}

/**
 * The open readers and writers of a backend, with the `Map` methods the backend uses (`get`,
 * `set`, `delete`, `values`, `size`) but no hashing: each handle holds its own node of a
 * doubly linked list. A `Map` keyed by short-lived objects pays for an identity hash per
 * handle and reallocates its table as it swings between empty and not, which made opening and
 * closing a handle cost more than everything else a small read or write does.
 */
export class OpenHandles<K extends Registrable, V> {
  #first: Slot<K, V> | undefined;
  #last: Slot<K, V> | undefined;
  #size = 0;

  /** Number of handles held. */
  get size(): number {
    return this.#size;
  }

  /**
   * The value registered for `key`.
   * @param key - a handle
   */
  get(key: K): V | undefined {
    return this.#slotOf(key)?.value;
  }

  /**
   * Registers `key` (at the end of the order) or replaces its value.
   * @param key - a handle; it may be held by one list at a time
   * @param value - what to keep about it
   */
  set(key: K, value: V): this {
    const existing = this.#slotOf(key);
    if (existing) {
      existing.value = value;
      return this;
    }
    const slot: Slot<K, V> = { owner: this, value, prev: this.#last, next: undefined };
    if (this.#last) this.#last.next = slot;
    else this.#first = slot;
    this.#last = slot;
    key[HANDLE_SLOT] = slot;
    this.#size++;
    return this;
  }

  /**
   * Unregisters `key`.
   * @param key - a handle
   * @returns whether it was held
   */
  delete(key: K): boolean {
    const slot = this.#slotOf(key);
    if (!slot) return false;
    if (slot.prev) slot.prev.next = slot.next;
    else this.#first = slot.next;
    if (slot.next) slot.next.prev = slot.prev;
    else this.#last = slot.prev;
    key[HANDLE_SLOT] = undefined;
    this.#size--;
    return true;
  }

  /** The values, in registration order (deleting during the walk is safe, as with a Map). */
  *values(): IterableIterator<V> {
    for (let slot = this.#first; slot; slot = slot.next) yield slot.value;
  }

  #slotOf(key: K): Slot<K, V> | undefined {
    const slot = key[HANDLE_SLOT] as Slot<K, V> | undefined;
    return slot?.owner === this ? slot : undefined;
  }
}
