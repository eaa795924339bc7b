/**
 * A small glob matcher for normalised paths (no leading, trailing or doubled `/`). The core
 * ships no runtime dependencies, so this stays small; a differential property test holds it to
 * picomatch's behaviour with `{ dot: true }` (test/core/glob.test.ts).
 *
 * Syntax:
 * - `*` any run of characters within one segment (never `/`), dotfiles included;
 *   `?` one character (code point) except `/`.
 * - `**` as a whole segment crosses segments: `a/**\/b` matches `a/b` and `a/x/y/b`,
 *   `**\/x` matches `x` at any depth, `a/**` matches `a` and everything below it. Anywhere
 *   else (`a**b`, `***`) it acts like `*`. Inside braces an alternative's ends count as
 *   segment ends when the braces stand on segment ends (`{**\/a,b}`).
 * - `[abc]`, `[a-z]`, `[!a-z]` / `[^a-z]` a character class; a negated class never matches
 *   `/`; a `]` right after the opening bracket is literal; an unclosed `[` is literal; a
 *   reversed range (`[z-a]`) matches nothing.
 * - `{a,b}` alternatives (nestable, may hold any glob syntax, may be empty); braces without a
 *   top-level comma, or unclosed, are literal (as in bash and picomatch). No `{1..3}` ranges.
 * - `\x` the character `x` literally; everything else is literal.
 *
 * Deliberate differences from picomatch: `[!a]` always negates (picomatch 4 reads a leading
 * `[!a]` as "literal `[!a]` or one of `!`, `a`"); `X/**` matches `X` for every `X` (picomatch
 * not when `X` ends with `*`); `**` next to a brace is a plain `*`; `*.*` matches `a.`; no
 * extglobs (`+(a|b)`), no leading-`!` negation, no POSIX classes (`[[:alpha:]]`).
 */

const cache = new Map<string, (path: string) => boolean>();
const CACHE_LIMIT = 1024;

/**
 * Compiles a glob into a predicate over normalised paths. Compiled patterns are cached, so
 * calling this per file is cheap.
 *
 * @param pattern - the glob (see the module notes for the syntax)
 * @returns a function telling whether a path matches the whole pattern
 * @example
 * ```ts
 * const isLog = compileGlob("logs/**\/*.{log,txt}");
 * isLog("logs/2024/app.log"); // true
 * isLog("logs/app.json");     // false
 * ```
 * @public
 */
export function compileGlob(pattern: string): (path: string) => boolean {
  let match = cache.get(pattern);
  if (match === undefined) {
    const re = globToRegExp(pattern);
    match = (path: string) => re.test(path);
    // A crude bound: patterns come from code and config, so a full cache is rare.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, match);
  }
  return match;
}

/**
 * True when `path` matches the glob `pattern` as a whole.
 * @param pattern - the glob
 * @param path - a normalised path
 * @public
 */
export function matchGlob(pattern: string, path: string): boolean {
  return compileGlob(pattern)(path);
}

/**
 * The anchored regular expression a glob compiles to (`u` flag, so `?` is one code point).
 * @param pattern - the glob
 * @public
 */
export function globToRegExp(pattern: string): RegExp {
  if (typeof pattern !== "string") {
    throw new TypeError(`glob pattern must be a string, got ${typeof pattern}`);
  }
  return new RegExp(`^${translate(pattern, 0, pattern.length, true, true)}$`, "u");
}

const SYNTAX = /[\\^$.*+?()[\]{}|/]/;

function literal(ch: string): string {
  return SYNTAX.test(ch) ? `\\${ch}` : ch;
}

/**
 * Translates `pattern[start, end)` into regex source. `openStart`/`openEnd` tell whether the
 * range begins/ends on a segment boundary (true at the pattern's ends; for a brace
 * alternative, whatever holds for the brace), which decides whether `**` is a whole segment.
 */
function translate(
  pattern: string,
  start: number,
  end: number,
  openStart: boolean,
  openEnd: boolean,
): string {
  let out = "";
  let i = start;
  while (i < end) {
    const ch = pattern[i] as string;
    if (ch === "\\") {
      // A trailing lone backslash stands for itself.
      const next = i + 1 < end ? (pattern[i + 1] as string) : "\\";
      out += literal(next);
      i += 2;
    } else if (ch === "*") {
      let j = i;
      while (j < end && pattern[j] === "*") j++;
      const wholeSegment =
        j - i === 2 &&
        (i === start ? openStart : pattern[i - 1] === "/") &&
        (j === end ? openEnd : pattern[j] === "/");
      if (!wholeSegment) {
        out += "[^/]*";
      } else if (j === end) {
        // `a/**` also matches `a` itself: the preceding `/` becomes optional.
        if (out.endsWith("\\/")) out = `${out.slice(0, -2)}(?:\\/.*)?`;
        else out += ".*";
      } else {
        // `**/` matches zero or more whole segments.
        out += "(?:.*\\/)?";
        j++;
      }
      i = j;
    } else if (ch === "?") {
      out += "[^/]";
      i++;
    } else if (ch === "[") {
      const cls = readClass(pattern, i, end);
      if (cls === undefined) {
        out += "\\[";
        i++;
      } else {
        out += cls.source;
        i = cls.next;
      }
    } else if (ch === "{") {
      const close = braceEnd(pattern, i, end);
      if (close === undefined) {
        out += "\\{";
        i++;
      } else {
        const atStart = i === start ? openStart : pattern[i - 1] === "/";
        const after = close.end + 1;
        const atEnd = after === end ? openEnd : pattern[after] === "/";
        const bounds = [i, ...close.commas, close.end];
        const alternatives: string[] = [];
        for (let k = 0; k + 1 < bounds.length; k++) {
          const from = (bounds[k] as number) + 1;
          alternatives.push(translate(pattern, from, bounds[k + 1] as number, atStart, atEnd));
        }
        out += `(?:${alternatives.join("|")})`;
        i = close.end + 1;
      }
    } else {
      out += literal(ch);
      i++;
    }
  }
  return out;
}

/** Finds the `}` closing the brace at `open` and its top-level commas; none → literal. */
function braceEnd(
  pattern: string,
  open: number,
  end: number,
): { end: number; commas: number[] } | undefined {
  let depth = 0;
  const commas: number[] = [];
  for (let i = open + 1; i < end; i++) {
    const ch = pattern[i];
    if (ch === "\\") i++;
    else if (ch === "[") {
      const cls = readClass(pattern, i, end);
      if (cls !== undefined) i = cls.next - 1;
    } else if (ch === "{") depth++;
    else if (ch === "}") {
      if (depth === 0) return commas.length > 0 ? { end: i, commas } : undefined;
      depth--;
    } else if (ch === "," && depth === 0) commas.push(i);
  }
  return undefined;
}

function classChar(ch: string): string {
  return /[\\\]^[-]/.test(ch) ? `\\${ch}` : ch;
}

/** Reads a character class starting at `open`; undefined when it never closes. */
function readClass(
  pattern: string,
  open: number,
  end: number,
): { source: string; next: number } | undefined {
  let i = open + 1;
  const negated = pattern[i] === "!" || pattern[i] === "^";
  if (negated) i++;
  const members: string[] = [];
  let first = true;
  while (i < end) {
    let ch = pattern[i] as string;
    if (ch === "]" && !first) {
      const body = members.join("");
      return { source: negated ? `[^/${body}]` : body === "" ? "(?!)" : `[${body}]`, next: i + 1 };
    }
    first = false;
    if (ch === "\\" && i + 1 < end) ch = pattern[++i] as string;
    // A range `a-z` (a `-` first, last or escaped is a literal member).
    const dash = pattern[i + 1] === "-" && i + 2 < end && pattern[i + 2] !== "]";
    if (dash) {
      let hi = pattern[i + 2] as string;
      let skip = 3;
      if (hi === "\\" && i + 3 < end) {
        hi = pattern[i + 3] as string;
        skip = 4;
      }
      // A reversed range matches nothing (bash does the same); a regex would throw.
      if ((ch.codePointAt(0) as number) <= (hi.codePointAt(0) as number)) {
        members.push(`${classChar(ch)}-${classChar(hi)}`);
      }
      i += skip;
    } else {
      members.push(classChar(ch));
      i++;
    }
  }
  return undefined;
}
