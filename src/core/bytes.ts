// The %TypedArray%.prototype[Symbol.toStringTag] getter reads the internal [[TypedArrayName]]
// slot: it answers for typed arrays of every realm (vm contexts, Jest environments) and cannot
// be fooled by an object that defines its own Symbol.toStringTag.
const typedArrayName = Object.getOwnPropertyDescriptor(
  Object.getPrototypeOf(Uint8Array.prototype) as object,
  Symbol.toStringTag,
)?.get as (this: unknown) => string | undefined;

/**
 * True for any `Uint8Array` (a Node `Buffer` included), whatever realm made it; `instanceof`
 * fails for one made in another vm context. Every place that takes bytes uses this.
 * @param value - anything
 */
export function isBytes(value: unknown): value is Uint8Array {
  return typeof value === "object" && value !== null && typedArrayName.call(value) === "Uint8Array";
}
