import { nodeBuiltin } from "../../src/core/node-builtins.js";
import { asText } from "../../src/memory/seed-tree.js";

const encoder = new TextEncoder();
const looseDecoder = new TextDecoder();

/** Longest text a failure message quotes before cutting it short. */
const PREVIEW_CHARS = 2000;

/**
 * The bytes of a string, as UTF-8.
 * @param text - any string
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * The file as text when it is valid UTF-8 without NUL (SPEC's "text"), else `undefined`.
 * @param bytes - file content
 */
export function textOf(bytes: Uint8Array): string | undefined {
  return asText(bytes);
}

/**
 * The file as text, invalid sequences replaced: what a RegExp is tested against.
 * @param bytes - file content
 */
export function looseTextOf(bytes: Uint8Array): string {
  return looseDecoder.decode(bytes);
}

/**
 * `<binary N bytes sha256:0123456789ab>`: a stable one-line stand-in for binary content.
 * @param bytes - file content
 */
export function binarySummary(bytes: Uint8Array): string {
  const digest = nodeBuiltin("node:crypto")
    .createHash("sha256")
    .update(bytes)
    .digest("hex")
    .slice(0, 12);
  return `<binary ${bytes.length} bytes sha256:${digest}>`;
}

/**
 * True for a path whose content `toTree` and the matchers read as JSON.
 * @param path - a normalised path
 */
export function isJsonPath(path: string): boolean {
  return path.toLowerCase().endsWith(".json");
}

/** A parse result: the value, or why the text is not JSON. */
export type Parsed = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parses file content as JSON.
 * @param bytes - file content
 */
export function parseJson(bytes: Uint8Array): Parsed {
  const text = textOf(bytes);
  if (text === undefined) return { ok: false, reason: "the file holds binary data" };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * How `toTree` shows a file: parsed JSON for a `.json` file that parses, text for valid
 * UTF-8 without NUL, else {@link binarySummary}.
 * @param path - the normalised path
 * @param bytes - its content
 */
export function treeValueOf(path: string, bytes: Uint8Array): unknown {
  if (isJsonPath(path)) {
    const parsed = parseJson(bytes);
    if (parsed.ok) return parsed.value;
  }
  return textOf(bytes) ?? binarySummary(bytes);
}

/**
 * What a failure message shows of a file: its text (cut short when long) or the binary summary.
 * @param bytes - file content
 */
export function previewOf(bytes: Uint8Array): string {
  const text = textOf(bytes);
  if (text === undefined) return binarySummary(bytes);
  if (text.length <= PREVIEW_CHARS) return text;
  return `${text.slice(0, PREVIEW_CHARS)}… (${text.length - PREVIEW_CHARS} more characters)`;
}

/**
 * True when two byte arrays hold the same bytes.
 * @param a - bytes
 * @param b - bytes
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One sentence on how two byte arrays differ: sizes and the first differing offset.
 * @param expected - the expected bytes
 * @param received - the file's bytes
 */
export function byteDifference(expected: Uint8Array, received: Uint8Array): string {
  const sizes = `Expected ${expected.length} bytes, received ${received.length} bytes`;
  const common = Math.min(expected.length, received.length);
  for (let i = 0; i < common; i++) {
    if (expected[i] !== received[i]) {
      return `${sizes}; they first differ at byte ${i} (expected ${hex(expected[i])}, received ${hex(received[i])}).`;
    }
  }
  return `${sizes}; the first ${common} bytes are equal.`;
}

function hex(byte: number | undefined): string {
  return `0x${(byte ?? 0).toString(16).padStart(2, "0")}`;
}
