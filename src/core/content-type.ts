// A short table rather than a MIME database: the core has no runtime dependencies, and these
// are the types tests and fixtures actually write.
const BY_EXTENSION: Readonly<Record<string, string>> = {
  txt: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  tsv: "text/tab-separated-values; charset=utf-8",
  html: "text/html; charset=utf-8",
  htm: "text/html; charset=utf-8",
  css: "text/css; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  mjs: "text/javascript; charset=utf-8",
  cjs: "text/javascript; charset=utf-8",
  ts: "text/typescript; charset=utf-8",
  json: "application/json",
  ndjson: "application/x-ndjson",
  jsonl: "application/jsonl",
  xml: "application/xml",
  yaml: "application/yaml",
  yml: "application/yaml",
  toml: "application/toml",
  pdf: "application/pdf",
  zip: "application/zip",
  gz: "application/gzip",
  tar: "application/x-tar",
  wasm: "application/wasm",
  bin: "application/octet-stream",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
  ico: "image/x-icon",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  mp4: "video/mp4",
  webm: "video/webm",
};
// Looked up per committed file: a Map takes a freshly sliced key without interning it.
const TYPES: ReadonlyMap<string, string> = new Map(Object.entries(BY_EXTENSION));

/** The fallback for an unknown or missing extension. @public */
export const DEFAULT_CONTENT_TYPE = "application/octet-stream";

/**
 * The MIME type implied by a path's extension (case-insensitive), or
 * `application/octet-stream` when unknown.
 * @param path - a normalised path
 * @public
 */
export function contentTypeOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  // No extension: no dot, or a name whose only dot leads it (`.env`).
  if (dot <= 0) return DEFAULT_CONTENT_TYPE;
  const ext = name.slice(dot + 1);
  return TYPES.get(ext) ?? TYPES.get(ext.toLowerCase()) ?? DEFAULT_CONTENT_TYPE;
}
