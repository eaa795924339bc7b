/**
 * A sorted map from string keys (UTF-16 code-unit order, as JavaScript's `<`) to values, as a
 * B+tree with copy-on-write sharing. Every node records the owner token that created it; a
 * mutation clones any node it touches whose owner is not the tree's current one. `freeze()`
 * hands out the root and takes a fresh owner, so a frozen root is never mutated again: a
 * snapshot costs O(1) and the first write after it copies one root-to-leaf path.
 */

const MAX = 64;

interface Leaf<V> {
  owner: object;
  keys: string[];
  vals: V[];
  kids?: undefined;
}

interface Branch<V> {
  owner: object;
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

/** Copy-on-write sorted map; see the module comment. */
export class SortedTree<V> {
  #owner: object = {};
  #root: TreeNode<V>;
  #size: number;

  constructor(frozen?: FrozenTree<V>) {
    this.#root = frozen ? frozen.root : { owner: this.#owner, keys: [], vals: [] };
    this.#size = frozen ? frozen.size : 0;
  }

  /** Number of keys. */
  get size(): number {
    return this.#size;
  }

  /** Hands out the current content; later mutations of this tree never touch it. */
  freeze(): FrozenTree<V> {
    this.#owner = {};
    return { root: this.#root, size: this.#size };
  }

  /** Replaces the content with a frozen one (which stays untouched). */
  restore(frozen: FrozenTree<V>): void {
    this.#owner = {};
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

  #own<N extends TreeNode<V>>(node: N): N {
    if (node.owner === this.#owner) return node;
    return (
      node.kids
        ? { owner: this.#owner, keys: node.keys.slice(), kids: node.kids.slice() }
        : { owner: this.#owner, keys: node.keys.slice(), vals: (node as Leaf<V>).vals.slice() }
    ) as N;
  }

  /** Inserts below an owned node; returns a new right sibling when the node split. */
  #insert(node: TreeNode<V>, key: string, val: V): TreeNode<V> | undefined {
    if (!node.kids) {
      const i = lowerBound(node.keys, key);
      if (node.keys[i] === key) {
        node.vals[i] = val;
        return undefined;
      }
      node.keys.splice(i, 0, key);
      node.vals.splice(i, 0, val);
      this.#size++;
      if (node.keys.length <= MAX) return undefined;
      const half = node.keys.length >>> 1;
      return { owner: this.#owner, keys: node.keys.splice(half), vals: node.vals.splice(half) };
    }
    const i = childIndex(node.keys, key);
    const child = this.#own(node.kids[i] as TreeNode<V>);
    node.kids[i] = child;
    const right = this.#insert(child, key, val);
    if (!right) return undefined;
    node.keys.splice(i + 1, 0, right.keys[0] as string);
    node.kids.splice(i + 1, 0, right);
    if (node.keys.length <= MAX) return undefined;
    const half = node.keys.length >>> 1;
    return { owner: this.#owner, keys: node.keys.splice(half), kids: node.kids.splice(half) };
  }

  /** Removes an existing key below an owned node; empty children are dropped. */
  #remove(node: TreeNode<V>, key: string): void {
    if (!node.kids) {
      const i = lowerBound(node.keys, key);
      node.keys.splice(i, 1);
      node.vals.splice(i, 1);
      return;
    }
    const i = childIndex(node.keys, key);
    const child = this.#own(node.kids[i] as TreeNode<V>);
    node.kids[i] = child;
    this.#remove(child, key);
    if (child.keys.length === 0) {
      node.keys.splice(i, 1);
      node.kids.splice(i, 1);
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
