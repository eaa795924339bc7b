import { describe, expect, test } from "vitest";
import type { ExtendedBackend, WriterOptions } from "../../src/core/types.js";
import { openHandles } from "./handles.contract.js";
import { everyPathCall, put, rejectsWith, text } from "./harness.js";

/** SPEC "Options are checked where they are given", and the closed-before-anything rule. */
export function optionsContract(backend: () => ExtendedBackend): void {
  describe("options are checked where they are given", () => {
    const badModTimes: [string, unknown, RegExp][] = [
      ["an invalid Date", new Date(Number.NaN), /modTime/],
      ["a number", 1_000_000, /modTime/],
      ["a string", "2001-02-03", /modTime/],
      ["null", null, /modTime/],
    ];
    for (const [what, modTime, message] of badModTimes) {
      test(`modTime that is ${what} fails newWriter with an error naming modTime`, async () => {
        const b = backend();
        const options = { modTime } as unknown as WriterOptions;
        const err = await b.newWriter("dated.txt", options).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(Error);
        expect((err as Error).name).toMatch(/^(TypeError|RangeError)$/);
        expect((err as Error).message).toMatch(message);
        expect(await b.list()).toEqual([]);
      });
    }

    test("metadata that is not a record of strings fails newWriter naming metadata", async () => {
      const b = backend();
      for (const metadata of [42, "x", ["a"], { n: 1 }, { ok: "y", bad: null }]) {
        const options = { metadata } as unknown as WriterOptions;
        await expect(b.newWriter("m.txt", options)).rejects.toThrow(/metadata/);
      }
      expect(await b.list()).toEqual([]);
    });

    test("metadata is copied at newWriter: mutating the object afterwards changes nothing", async () => {
      const b = backend();
      const metadata: Record<string, string> = { owner: "ada" };
      const w = await b.newWriter("meta.txt", { metadata });
      metadata.owner = "mallory";
      metadata.extra = "added";
      await w.write("x");
      await w.close();
      const stored = (await b.stat("meta.txt")).metadata;
      if (b.features().customMetadata) expect(stored).toEqual({ owner: "ada" });
      else expect(stored).toEqual({});
    });

    test("modTime is copied at newWriter: mutating the Date afterwards changes nothing", async () => {
      const b = backend();
      const modTime = new Date(Date.UTC(2001, 1, 3, 4, 5, 6));
      const w = await b.newWriter("dated.txt", { modTime });
      modTime.setTime(Date.UTC(2030, 0, 1));
      await w.write("x");
      await w.close();
      expect((await b.stat("dated.txt")).modTime.getTime()).toBe(Date.UTC(2001, 1, 3, 4, 5, 6));
    });

    test("a signal that is not an AbortSignal fails newWriter with a TypeError naming signal, leaving nothing", async () => {
      const b = backend();
      for (const bad of [{}, "yes", 1, { aborted: false }]) {
        const options = { signal: bad } as unknown as WriterOptions;
        await expect(b.newWriter("sig/nal.txt", options)).rejects.toThrow(
          /newWriter "sig\/nal\.txt": signal must be an AbortSignal/,
        );
      }
      expect(await b.list()).toEqual([]);
      expect(await b.exists("sig")).toBe(false);
      expect(openHandles(b)).toEqual([]);
    });

    test("every operation refuses a signal that is not an AbortSignal with a TypeError naming signal", async () => {
      const b = backend();
      await put(b, "f.txt", "f");
      await b.mkdir("d");
      for (const bad of [{}, "yes", 1, { aborted: false }]) {
        const signal = bad as unknown as AbortSignal;
        const calls: (() => Promise<unknown>)[] = [
          () => b.newWriter("g/h.txt", { signal }),
          () => b.newReader("f.txt", { signal }),
          () => b.exists("f.txt", { signal }),
          () => b.delete("f.txt", { signal }),
          () => b.list("", { signal }),
          () => b.stat("f.txt", { signal }),
          () => b.hash("f.txt", "md5", { signal }),
          () => b.mkdir("e/f", { signal }),
          () => b.rmdir("d", { signal }),
          () => b.copy("f.txt", "h.txt", { signal }),
          () => b.move("f.txt", "h.txt", { signal }),
        ];
        for (const call of calls) {
          const err = await call().catch((e: unknown) => e);
          expect(err).toBeInstanceOf(TypeError);
          expect((err as Error).message).toMatch(/signal must be an AbortSignal/);
        }
      }
      expect(await b.list()).toEqual(["f.txt"]);
      expect(await b.exists("d")).toBe(true);
      expect(openHandles(b)).toEqual([]);
    });

    test("metadata keys such as __proto__ are ordinary keys", async () => {
      const b = backend();
      const metadata = JSON.parse('{"__proto__":"p","constructor":"c"}') as Record<string, string>;
      await put(b, "proto.txt", "x", { metadata });
      const stored = (await b.stat("proto.txt")).metadata;
      if (!b.features().customMetadata) return expect(stored).toEqual({});
      expect(Object.keys(stored).sort()).toEqual(["__proto__", "constructor"]);
      expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    });

    test("limit: Infinity is unlimited, as unset is; limit: 0 gives zero bytes", async () => {
      const b = backend();
      await put(b, "all.txt", "everything");
      const all = await b.newReader("all.txt", { limit: Number.POSITIVE_INFINITY });
      let got = "";
      for await (const chunk of all) got += new TextDecoder().decode(chunk);
      expect(got).toBe("everything");
      const tail = await b.newReader("all.txt", { offset: 5, limit: Number.POSITIVE_INFINITY });
      got = "";
      for await (const chunk of tail) got += new TextDecoder().decode(chunk);
      expect(got).toBe("thing");
      const none = await b.newReader("all.txt", { limit: 0 });
      expect(await none.read()).toBeNull();
      await none.close();
    });

    test("offset: Infinity and NaN limits reject with RangeError naming the option", async () => {
      const b = backend();
      await put(b, "r.txt", "x");
      await expect(b.newReader("r.txt", { offset: Number.POSITIVE_INFINITY })).rejects.toThrow(
        /offset/,
      );
      await expect(b.newReader("r.txt", { limit: Number.NaN })).rejects.toThrow(RangeError);
      await expect(b.newReader("r.txt", { limit: Number.NEGATIVE_INFINITY })).rejects.toThrow(
        /limit/,
      );
    });
  });

  describe("a closed backend", () => {
    test("rejects every call with BackendClosedError before it looks at the path", async () => {
      const b = backend();
      await b.close();
      const bad = ["", "../x", "a\0b", "a\ud800"];
      for (const path of bad) {
        for (const [op, call] of everyPathCall(b, path)) {
          await rejectsWith(call(), "ERR_BACKEND_CLOSED", op);
        }
      }
    });

    test("rejects before it checks writer and reader options", async () => {
      const b = backend();
      await b.close();
      const modTime = "soon" as unknown as Date;
      await rejectsWith(b.newWriter("f.txt", { modTime }), "ERR_BACKEND_CLOSED", "newWriter");
      await rejectsWith(b.newReader("f.txt", { limit: -1 }), "ERR_BACKEND_CLOSED", "newReader");
    });
  });

  test("a valid modTime still reads back to the millisecond", async () => {
    const b = backend();
    const modTime = new Date("1999-12-31T23:59:59.123Z");
    await put(b, "ok.txt", "x", { modTime });
    expect((await b.stat("ok.txt")).modTime.getTime()).toBe(modTime.getTime());
    expect(await text(b, "ok.txt")).toBe("x");
  });
}
