import { Buffer } from "node:buffer";
import { runInNewContext } from "node:vm";

/**
 * Bad and odd paths, each with what the path rules make of it: `invalid` (rejected with
 * InvalidPathError by every operation) or the exact key it is stored under. Keys are exact:
 * no Unicode normalisation, no case folding, backslashes and `%2e` are ordinary characters.
 */
export interface HostilePath {
  readonly label: string;
  readonly path: string;
  /** The normalised key, or `invalid`. */
  readonly key: string | "invalid";
}

const deep = (levels: number, name: string) => `${Array(levels).fill(name).join("/")}/leaf.txt`;

export const corpus: readonly HostilePath[] = [
  // `..` in every position
  { label: "dot-dot alone", path: "..", key: "invalid" },
  { label: "dot-dot first", path: "../a.txt", key: "invalid" },
  { label: "dot-dot last", path: "a/..", key: "invalid" },
  { label: "dot-dot middle", path: "a/../b.txt", key: "invalid" },
  { label: "dot-dot after a leading slash", path: "/../etc/passwd", key: "invalid" },
  { label: "dot-dot twice", path: "../../x", key: "invalid" },
  { label: "dot-dot after a dot", path: "./../x", key: "invalid" },
  { label: "dot-dot with trailing slash", path: "a/b/../", key: "invalid" },
  { label: "dot-dot between double slashes", path: "a//..//b", key: "invalid" },
  { label: "dot-dot deep", path: `${deep(20, "d")}/../../x`, key: "invalid" },
  // empty and dot-only
  { label: "empty", path: "", key: "invalid" },
  { label: "slash", path: "/", key: "invalid" },
  { label: "slashes", path: "///", key: "invalid" },
  { label: "dot", path: ".", key: "invalid" },
  { label: "dot slash", path: "./", key: "invalid" },
  { label: "dots and slashes", path: "/./././", key: "invalid" },
  // NUL
  { label: "NUL inside", path: "a\0b.txt", key: "invalid" },
  { label: "NUL alone", path: "\0", key: "invalid" },
  { label: "NUL as a segment", path: "a/\0/b", key: "invalid" },
  { label: "NUL at the end", path: "a.txt\0.png", key: "invalid" },
  // names that merely look like dots
  { label: "three dots", path: "...", key: "..." },
  { label: "four dots", path: "a/..../b", key: "a/..../b" },
  { label: "dot-dot prefix", path: "..a", key: "..a" },
  { label: "dot-dot suffix", path: "a..", key: "a.." },
  { label: "dotfile", path: ".hidden", key: ".hidden" },
  { label: "dot and double slash normalised", path: "/./a//./b/", key: "a/b" },
  // encoded traversal stays literal
  { label: "percent-encoded dot-dot", path: "%2e%2e", key: "%2e%2e" },
  {
    label: "percent-encoded traversal",
    path: "%2e%2e/%2e%2e/etc/passwd",
    key: "%2e%2e/%2e%2e/etc/passwd",
  },
  { label: "percent-encoded slash", path: "a%2Fb", key: "a%2Fb" },
  { label: "percent-encoded NUL", path: "a%00b", key: "a%00b" },
  { label: "double-encoded", path: "%252e%252e", key: "%252e%252e" },
  // Windows separators, drives, device names
  { label: "backslash separator", path: "a\\b.txt", key: "a\\b.txt" },
  { label: "backslash traversal", path: "..\\..\\windows", key: "..\\..\\windows" },
  {
    label: "drive path",
    path: "C:\\Windows\\System32\\drivers",
    key: "C:\\Windows\\System32\\drivers",
  },
  { label: "drive letter alone", path: "C:", key: "C:" },
  { label: "drive with slash", path: "c:/x.txt", key: "c:/x.txt" },
  { label: "UNC path", path: "\\\\server\\share\\f", key: "\\\\server\\share\\f" },
  { label: "device name CON", path: "CON", key: "CON" },
  { label: "device name with extension", path: "aux.txt", key: "aux.txt" },
  { label: "alternate data stream", path: "f.txt:stream", key: "f.txt:stream" },
  // trailing dots and spaces, whitespace, control characters
  { label: "trailing dot", path: "name.", key: "name." },
  { label: "trailing space", path: "name ", key: "name " },
  { label: "leading space", path: " name", key: " name" },
  { label: "space only", path: " ", key: " " },
  { label: "dot space dot", path: "a/. ./b", key: "a/. ./b" },
  { label: "tab", path: "a\tb", key: "a\tb" },
  { label: "newline", path: "line\nbreak", key: "line\nbreak" },
  { label: "carriage return", path: "cr\r", key: "cr\r" },
  { label: "control character", path: "\u0001\u007f", key: "\u0001\u007f" },
  // prototype-sensitive names
  { label: "__proto__", path: "__proto__", key: "__proto__" },
  { label: "__proto__ as a folder", path: "__proto__/polluted", key: "__proto__/polluted" },
  { label: "constructor", path: "constructor", key: "constructor" },
  { label: "constructor/prototype", path: "constructor/prototype", key: "constructor/prototype" },
  { label: "hasOwnProperty", path: "hasOwnProperty", key: "hasOwnProperty" },
  { label: "toString", path: "toString", key: "toString" },
  { label: "valueOf", path: "a/valueOf", key: "a/valueOf" },
  { label: "__defineGetter__", path: "__defineGetter__", key: "__defineGetter__" },
  // Unicode
  { label: "NFC é", path: "caf\u00e9", key: "caf\u00e9" },
  { label: "NFD é", path: "cafe\u0301", key: "cafe\u0301" },
  { label: "Cyrillic look-alike", path: "\u0430pple", key: "\u0430pple" },
  { label: "fullwidth letters", path: "\uff46\uff55\uff4c\uff4c", key: "\uff46\uff55\uff4c\uff4c" },
  { label: "fullwidth solidus is not a separator", path: "a\uff0fb", key: "a\uff0fb" },
  { label: "division slash is not a separator", path: "a\u2215..\u2215b", key: "a\u2215..\u2215b" },
  { label: "zero-width space", path: "a\u200bb", key: "a\u200bb" },
  { label: "right-to-left override", path: "\u202etxt.exe", key: "\u202etxt.exe" },
  { label: "byte order mark", path: "\ufeffbom", key: "\ufeffbom" },
  { label: "Angstrom sign", path: "\u212b", key: "\u212b" },
  { label: "emoji", path: "\u{1f4c1}/\u{1f4c4}.txt", key: "\u{1f4c1}/\u{1f4c4}.txt" },
  { label: "astral pair spelled as surrogates", path: "\ud83d\ude00.txt", key: "\u{1f600}.txt" },
  // lone surrogates: not well-formed Unicode, so no name on disk and no S3 key can hold them
  { label: "lone high surrogate", path: "a\ud800.txt", key: "invalid" },
  { label: "lone low surrogate", path: "a\udfff.txt", key: "invalid" },
  { label: "lone high surrogate last", path: "dir/x\udbff", key: "invalid" },
  { label: "lone surrogate as a folder", path: "\udc00/f.txt", key: "invalid" },
  { label: "low before high", path: "\ude00\ud83d", key: "invalid" },
  { label: "two highs then a low", path: "\ud800\ud800\udc00", key: "invalid" },
  { label: "lone surrogate after dot segments", path: "./a/./\ud800", key: "invalid" },
  // glob and shell syntax is literal
  { label: "glob characters", path: "a*b?[c]{d,e}", key: "a*b?[c]{d,e}" },
  { label: "shell characters", path: "$(rm -rf ~);`x`|<>&'\"", key: "$(rm -rf ~);`x`|<>&'\"" },
  { label: "tilde", path: "~/x", key: "~/x" },
  { label: "dash", path: "-rf", key: "-rf" },
  { label: "query and fragment", path: "a?x=1#frag", key: "a?x=1#frag" },
  // size
  { label: "name of 255 characters", path: "n".repeat(255), key: "n".repeat(255) },
  { label: "name of 256 characters", path: "n".repeat(256), key: "n".repeat(256) },
  { label: "name of 10,000 characters", path: "L".repeat(10_000), key: "L".repeat(10_000) },
  { label: "tree 1000 levels deep", path: deep(1000, "level"), key: deep(1000, "level") },
];

/** Pairs that look or compare alike elsewhere and must stay two distinct keys. */
export const distinctPairs: readonly (readonly [string, string, string])[] = [
  ["NFC and NFD", "caf\u00e9.txt", "cafe\u0301.txt"],
  ["Latin and Cyrillic a", "apple", "\u0430pple"],
  ["Angstrom sign and A-ring", "\u212b", "\u00c5"],
  ["upper and lower case", "README", "readme"],
  ["sharp s and ss", "stra\u00dfe", "strasse"],
  ["ligature and letters", "\ufb01le", "file"],
  ["slash and backslash", "a/b", "a\\b"],
  ["fullwidth and ASCII", "\uff41", "a"],
  ["with and without zero-width space", "ab", "a\u200bb"],
  ["trailing dot and none", "name.", "name"],
  ["U+FFFD and a name that would decode to it", "a\ufffd.txt", "a\u00ff.txt"],
];

/** A chunk given to `write()`: `bytes` when it is stored as those bytes, `refused` when not. */
export interface HostileChunk {
  readonly label: string;
  readonly make: () => unknown;
  readonly bytes: readonly number[] | "refused";
}

/** Chunks from other realms, views and look-alikes (`vm` realms make `instanceof` fail). */
export const hostileChunks: readonly HostileChunk[] = [
  {
    label: "Uint8Array from a vm realm",
    make: () => inRealm("new Uint8Array([1, 2])"),
    bytes: [1, 2],
  },
  {
    label: "large Uint8Array from a vm realm",
    make: () => inRealm("new Uint8Array(5000).fill(7)"),
    bytes: Array(5000).fill(7),
  },
  {
    label: "view with an offset from a vm realm",
    make: () => inRealm("new Uint8Array([9, 8, 7, 6]).subarray(1, 3)"),
    bytes: [8, 7],
  },
  {
    label: "empty Uint8Array from a vm realm",
    make: () => inRealm("new Uint8Array(0)"),
    bytes: [],
  },
  { label: "Buffer", make: () => Buffer.from([3, 4]), bytes: [3, 4] },
  { label: "Uint16Array", make: () => new Uint16Array([1]), bytes: "refused" },
  {
    label: "Uint8ClampedArray from a vm realm",
    make: () => inRealm("new Uint8ClampedArray([1])"),
    bytes: "refused",
  },
  { label: "DataView", make: () => new DataView(new ArrayBuffer(1)), bytes: "refused" },
  { label: "ArrayBuffer", make: () => new ArrayBuffer(1), bytes: "refused" },
  {
    label: "object faking the Uint8Array tag",
    make: () => ({ length: 1, 0: 65, [Symbol.toStringTag]: "Uint8Array" }),
    bytes: "refused",
  },
  { label: "array of numbers", make: () => [1, 2], bytes: "refused" },
  { label: "number", make: () => 123, bytes: "refused" },
  { label: "null", make: () => null, bytes: "refused" },
];

function inRealm(code: string): unknown {
  return runInNewContext(code);
}
