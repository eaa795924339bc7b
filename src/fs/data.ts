import { invalidArg } from "./node-errors.js";

/** Options objects of `readFile`, `writeFile` … as Node takes them: an encoding string or an object. */
export interface DataOptions {
  encoding?: BufferEncoding | null;
  flag?: string;
  [option: string]: unknown;
}

/** The options object of a call, from `undefined`, an encoding name or an object. */
export function optionsOf(options: unknown): DataOptions {
  if (options === undefined || options === null) return {};
  if (typeof options === "string") return { encoding: options as BufferEncoding };
  if (typeof options === "object") return options as DataOptions;
  if (typeof options === "function") return {};
  throw invalidArg(
    "ERR_INVALID_ARG_TYPE",
    `The "options" argument must be one of type string or an instance of Object. Received type ${typeof options}`,
  );
}

/** The bytes of `data` as `writeFile` takes it: a string (in `encoding`), a Buffer or any view. */
export function bytesOf(data: unknown, encoding?: BufferEncoding | null): Uint8Array {
  if (typeof data === "string") return Buffer.from(data, encoding ?? "utf8");
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw invalidArg(
    "ERR_INVALID_ARG_TYPE",
    `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? "null" : typeof data}`,
  );
}

/** What `readFile` returns: a Buffer, or a string in `encoding`. */
export function output(bytes: Uint8Array, encoding?: BufferEncoding | null): Buffer | string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding ? buffer.toString(encoding) : buffer;
}
