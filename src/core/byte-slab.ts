// Private copies of small chunks, packed into shared slabs.
//
// Every ArrayBuffer has a fixed cost outside its bytes (an allocation, a backing-store record,
// work for the garbage collector), and for a 1 KiB chunk that cost is several times the copy.
// So chunks of TINY + 1 to SMALL bytes are copied into the free end of a 64 KiB slab and kept
// as a view on it, the way Node's Buffer pool works, with one difference: these views never
// leave the package. Stored data is handed out only as fresh copies (`slice()` of the view
// copies just its own range), so nobody can reach a slab, write into it, or transfer it. A
// slab is freed when the last view on it is; a region is never written after its view is
// handed out.

const SLAB = 64 * 1024;
const SMALL = 4 * 1024;
// V8 keeps typed arrays up to 64 bytes inside its heap, with no ArrayBuffer outside it at all:
// cheaper still than a slot in a slab, and they add nothing to the external-memory count that
// makes V8 collect garbage early.
const TINY = 64;
const encoder = new TextEncoder();

let slab = new ArrayBuffer(0);
let used = 0;

/** Room for `size` bytes at `used`, starting a new slab when the current one is full. */
function reserve(size: number): void {
  if (used + size > slab.byteLength) {
    slab = new ArrayBuffer(SLAB);
    used = 0;
  }
}

/**
 * A private copy of `bytes`: a plain Uint8Array whose contents nothing else refers to.
 * @param bytes - any Uint8Array (a Buffer too); not kept
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  const size = bytes.length;
  // `new Uint8Array(x)` always copies into a plain Uint8Array; Buffer#slice would return a view.
  if (size <= TINY || size > SMALL) return new Uint8Array(bytes);
  reserve(size);
  const copy = new Uint8Array(slab, used, size);
  copy.set(bytes);
  used += size;
  return copy;
}

/**
 * `text` as UTF-8 in a private buffer (see {@link copyBytes}).
 * @param text - any string; lone surrogates become U+FFFD, as TextEncoder does
 */
export function encodeText(text: string): Uint8Array {
  if (text.length <= TINY) {
    const ascii = asciiBytes(text);
    if (ascii) return ascii;
  }
  // A UTF-16 code unit takes at most 3 UTF-8 bytes.
  if (text.length * 3 > SMALL) return encoder.encode(text);
  reserve(text.length * 3);
  const { written } = encoder.encodeInto(text, new Uint8Array(slab, used));
  const copy = new Uint8Array(slab, used, written);
  used += written;
  return copy;
}

/** A short ASCII string's bytes in an in-heap typed array, or undefined when it is not ASCII. */
function asciiBytes(text: string): Uint8Array | undefined {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return undefined;
    out[i] = c;
  }
  return out;
}
