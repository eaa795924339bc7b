/**
 * A sorted map from string keys (UTF-16 code-unit order, as JavaScript's `<`) to values, as a
 * B+tree with copy-on-write sharing. Every node records the owner token that created it; a
 * mutation clones any node it touches whose owner is not the tree's current one. `freeze()`
 * hands out the root and takes a fresh owner, so a frozen root is never mutated again: a
 * snapshot costs O(1) and the first write after it copies one root-to-leaf path.
 */

const MAX = 64;

interface Leaf<V> {
  owner: number;
  keys: string[];
  vals: V[];
  // hidden[i]: the tree's `hide` option said so of vals[i]; `keysWithPrefix` leaves those out
  // without reading the values (each value read is a cache miss in a big store).
  hidden: boolean[];
  kids?: undefined;
}

interface Branch<V> {
  owner: number;
  // keys[i] is a lower bound of every key below kids[i] and above every key below kids[i-1];
  // keys[0] is never read.
  keys: string[];
  kids: TreeNode<V>[];
}

type TreeNode<V> = Leaf<V> | Branch<V>;

/** An immutable root and its size, as handed out by {@link SortedTree.freeze}. */
export interface FrozenTree<V> {
  readonly root: TreeNode<V>;
  readonly size: number;
}

/** First index whose key is `>= key`. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the child of a branch that may hold `key`. */
function childIndex(keys: readonly string[], key: string): number {
  let lo = 1;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as string) <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

// Owner tokens are numbers from one counter rather than fresh objects: as unique, but free to
// make, which matters because a test suite creates a store (and so a tree) per test. The
// counter lives on `globalThis` under a `Symbol.for` key, so the ESM and CommonJS copies of the
// package draw from the same one: a frozen root from one copy (a checkpoint) restored into a
// tree of the other must never carry that tree's owner, or it would be mutated in place.
const OWNERS = Symbol.for("omnistorage.SortedTree.owners");
const shared = globalThis as { [OWNERS]?: { last: number } };
shared[OWNERS] ??= { last: 0 };
const owners: { last: number } = shared[OWNERS];

// The root of every empty tree. Its owner (0) is never a tree's, so it is cloned before any
// change, like a frozen node; an unused store allocates no node at all. (Not Object.freeze'd:
// that would give it a shape of its own and make every lookup's property access polymorphic.)
const EMPTY: Leaf<never> = { owner: 0, keys: [], vals: [], hidden: [] };

const SHOW_ALL = (): boolean => false;

/**
 * What every {@link SortedTree} has done so far: a seam for tests that prove an operation's
 * cost by counting (never reset by the trees; read it before and after).
 */
export interface TreeWork {
  /** Entries handed to a `scan` visitor. */
  visits: number;
  /** Calls of `keysWithPrefix` (a descent plus the leaves of one key range). */
  rangeReads: number;
}

/** The work counters of every tree in this copy of the package. */
export const treeWork: TreeWork = { visits: 0, rangeReads: 0 };

/** Options of a {@link SortedTree}. */
export interface SortedTreeOptions<V> {
  /** Values whose keys {@link SortedTree.keysWithPrefix} leaves out (decided when stored). */
  hide?: (val: V) => boolean;
}

// Nodes hold at most MAX + 1 items, so shifting by hand beats the generic `splice`, and an
// append (keys arriving in order, or a fresh node) is a plain push.
function insertAt<T>(items: T[], i: number, item: T): void {
  let j = items.length;
  if (i === j) {
    items.push(item);
    return;
  }
  items.push(items[j - 1] as T);
  for (j--; j > i; j--) items[j] = items[j - 1] as T;
  items[i] = item;
}

function removeAt<T>(items: T[], i: number): void {
  const last = items.length - 1;
  for (let j = i; j < last; j++) items[j] = items[j + 1] as T;
  items.pop();
}

/** Copy-on-write sorted map; see the module comment. */
export class SortedTree<V> {
  #owner = ++owners.last;
  #root: TreeNode<V>;
  #size: number;
  #hide: (val: V) => boolean;

  /**
   * @param frozen - content to start from (shared, never changed)
   * @param options - `hide`: values whose keys `keysWithPrefix` leaves out
   */
  constructor(frozen?: FrozenTree<V>, options?: SortedTreeOptions<V>) {
    this.#root = frozen ? frozen.root : EMPTY;
    this.#size = frozen ? frozen.size : 0;
    this.#hide = options?.hide ?? SHOW_ALL;
  }

  /** Number of keys. */
  get size(): number {
    return this.#size;
  }

  /** Hands out the current content; later mutations of this tree never touch it. */
  freeze(): FrozenTree<V> {
    this.#owner = ++owners.last;
    return { root: this.#root, size: this.#size };
  }

  /** Replaces the content with a frozen one (which stays untouched). */
  restore(frozen: FrozenTree<V>): void {
    this.#owner = ++owners.last;
    this.#root = frozen.root;
    this.#size = frozen.size;
  }

  /** The value at `key`. */
  get(key: string): V | undefined {
    let node = this.#root;
    while (node.kids) node = node.kids[childIndex(node.keys, key)] as TreeNode<V>;
    const i = lowerBound(node.keys, key);
    return node.keys[i] === key ? node.vals[i] : undefined;
  }

  /** Inserts or replaces. */
  set(key: string, val: V): void {
    if (this.#size === 0) {
      // The first key (of a fresh store, most often): a one-key leaf, born with the right
      // element kinds, rather than a clone of the empty root grown by one.
      this.#root = {
        owner: this.#owner,
        keys: [key],
        vals: [val],
        hidden: [this.#hide(val)],
      };
      this.#size = 1;
      return;
    }
    this.#root = this.#own(this.#root);
    const right = this.#insert(this.#root, key, val);
    if (right) {
      this.#root = {
        owner: this.#owner,
        keys: ["", right.keys[0] as string],
        kids: [this.#root, right],
      };
    }
  }

  /** Removes `key`; returns the value it had. */
  delete(key: string): V | undefined {
    const old = this.get(key);
    if (old === undefined) return undefined;
    this.#root = this.#own(this.#root);
    this.#remove(this.#root, key);
    this.#size--;
    while (this.#root.kids && this.#root.kids.length === 1)
      this.#root = this.#root.kids[0] as TreeNode<V>;
    return old;
  }

  /**
   * Visits keys `>= from` in ascending order until `visit` returns `false`. The tree must not
   * be mutated during the visit.
   */
  scan(from: string, visit: (key: string, val: V) => boolean | undefined): void {
    scanNode(this.#root, from, visit);
  }

  /**
   * Every key that starts with `prefix`, in order, except keys whose value `hide` hides. Reads
   * no value and compares only the keys a binary search needs: the keys in between are known
   * to match because they lie between `prefix` and the first string after all its extensions.
   */
  keysWithPrefix(prefix: string): string[] {
    treeWork.rangeReads++;
    const parts: string[][] = [];
    collectKeys(this.#root, prefix, afterPrefix(prefix), parts);
    // Whole runs of a leaf are sliced (a native copy) and joined once: far cheaper than
    // pushing key by key into a growing array.
    if (parts.length === 1) return parts[0] as string[];
    return parts.length === 0 ? [] : ([] as string[]).concat(...parts);
  }

  #own<N extends TreeNode<V>>(node: N): N {
    if (node.owner === this.#owner) return node;
    if (node.kids) {
      return { owner: this.#owner, keys: node.keys.slice(), kids: node.kids.slice() } as N;
    }
    const leaf = node as Leaf<V>;
    return {
      owner: this.#owner,
      keys: leaf.keys.slice(),
      vals: leaf.vals.slice(),
      hidden: leaf.hidden.slice(),
    } as N;
  }

  /** Inserts below an owned node; returns a new right sibling when the node split. */
  #insert(node: TreeNode<V>, key: string, val: V): TreeNode<V> | undefined {
    if (!node.kids) {
      const i = lowerBound(node.keys, key);
      if (node.keys[i] === key) {
        node.vals[i] = val;
        node.hidden[i] = this.#hide(val);
        return undefined;
      }
      insertAt(node.keys, i, key);
      insertAt(node.vals, i, val);
      insertAt(node.hidden, i, this.#hide(val));
      this.#size++;
      if (node.keys.length <= MAX) return undefined;
      const half = node.keys.length >>> 1;
      return {
        owner: this.#owner,
        keys: node.keys.splice(half),
        vals: node.vals.splice(half),
        hidden: node.hidden.splice(half),
      };
    }
    const i = childIndex(node.keys, key);
    const child = this.#own(node.kids[i] as TreeNode<V>);
    node.kids[i] = child;
    const right = this.#insert(child, key, val);
    if (!right) return undefined;
    insertAt(node.keys, i + 1, right.keys[0] as string);
    insertAt(node.kids, i + 1, right);
    if (node.keys.length <= MAX) return undefined;
    const half = node.keys.length >>> 1;
    return { owner: this.#owner, keys: node.keys.splice(half), kids: node.kids.splice(half) };
  }

  /** Removes an existing key below an owned node; empty children are dropped. */
  #remove(node: TreeNode<V>, key: string): void {
    if (!node.kids) {
      const i = lowerBound(node.keys, key);
      removeAt(node.keys, i);
      removeAt(node.vals, i);
      removeAt(node.hidden, i);
      return;
    }
    const i = childIndex(node.keys, key);
    const child = this.#own(node.kids[i] as TreeNode<V>);
    node.kids[i] = child;
    this.#remove(child, key);
    if (child.keys.length === 0) {
      removeAt(node.keys, i);
      removeAt(node.kids, i);
    }
  }
}

function scanNode<V>(
  node: TreeNode<V>,
  from: string,
  visit: (key: string, val: V) => boolean | undefined,
): boolean {
  if (!node.kids) {
    const { keys, vals } = node;
    for (let i = lowerBound(keys, from); i < keys.length; i++) {
      treeWork.visits++;
      if (visit(keys[i] as string, vals[i] as V) === false) return false;
    }
    return true;
  }
  const { kids } = node;
  for (let i = childIndex(node.keys, from); i < kids.length; i++) {
    if (!scanNode(kids[i] as TreeNode<V>, from, visit)) return false;
  }
  return true;
}

/**
 * The least string above every string that starts with `prefix` (undefined when there is
 * none: the empty prefix, or one made only of U+FFFF units). Strings with the prefix are
 * exactly those in [prefix, afterPrefix(prefix)).
 */
function afterPrefix(prefix: string): string | undefined {
  let n = prefix.length;
  while (n > 0 && prefix.charCodeAt(n - 1) === 0xffff) n--;
  if (n === 0) return undefined;
  return prefix.slice(0, n - 1) + String.fromCharCode(prefix.charCodeAt(n - 1) + 1);
}

/**
 * Adds the visible keys in [from, end) below `node` to `parts`, one array per leaf (from the
 * leaf's first key when `from` is undefined: every key there is known to be >= it); false
 * once `end` is reached.
 */
function collectKeys<V>(
  node: TreeNode<V>,
  from: string | undefined,
  end: string | undefined,
  parts: string[][],
): boolean {
  const keys = node.keys;
  if (!node.kids) {
    let stop = keys.length;
    let more = true;
    if (end !== undefined && stop > 0 && (keys[stop - 1] as string) >= end) {
      stop = lowerBound(keys, end);
      more = false;
    }
    const start = from === undefined ? 0 : lowerBound(keys, from);
    if (start < stop) parts.push(visibleKeys(keys, node.hidden, start, stop));
    return more;
  }
  const kids = node.kids;
  let next = from;
  for (let i = from === undefined ? 0 : childIndex(keys, from); i < kids.length; i++) {
    // keys[i] bounds every key below kids[i] from below.
    if (i > 0 && end !== undefined && (keys[i] as string) >= end) return false;
    if (!collectKeys(kids[i] as TreeNode<V>, next, end, parts)) return false;
    next = undefined;
  }
  return true;
}

/** keys[start..stop) without the hidden ones: a plain slice when none is hidden. */
function visibleKeys(
  keys: readonly string[],
  hidden: readonly boolean[],
  start: number,
  stop: number,
): string[] {
  let i = start;
  while (i < stop && !hidden[i]) i++;
  if (i === stop) return keys.slice(start, stop);
  const out = keys.slice(start, i);
  for (i++; i < stop; i++) if (!hidden[i]) out.push(keys[i] as string);
  return out;
}
