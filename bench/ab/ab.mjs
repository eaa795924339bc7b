// A/B of two builds of the memory backend, side by side in one process, by CPU time:
//   node scripts/build.mjs --out /tmp/a && node scripts/build.mjs --out /tmp/b
//   node bench/ab/ab.mjs /tmp/a /tmp/b [W1 W2w ...]
// Each build runs in a worker of its own (its own V8 isolate, so neither shares type feedback
// with the other), one at a time; rounds interleave the builds, alternating which goes first,
// so machine noise hits both. Prints per workload the median CPU ms of each build and B/A per
// round (median, min, max).

import { pathToFileURL } from "node:url";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

const kib = new Uint8Array(1024).fill(0x61);
const small = new Uint8Array(64).fill(0x61);
const big = new Uint8Array(16 << 20).fill(0x62);
const names = Array.from({ length: 20000 }, (_, i) => `d${i % 50}/sub/file-${i}.txt`);

async function seeded(m, n = names.length) {
  const b = new m.MemoryBackend();
  b.load(Object.fromEntries(names.slice(0, n).map((p) => [p, kib])));
  return b;
}

/** Each workload: (build) => setup, returning the timed function. */
const WORKLOADS = {
  W1: async (m) => async () => {
    for (let i = 0; i < 10000; i++) {
      const b = new m.MemoryBackend();
      await m.writeFile(b, "f.txt", small);
      await b.close();
    }
  },
  W2w: async (m) => async () => {
    const b = new m.MemoryBackend();
    for (const p of names) await m.writeFile(b, p, kib);
    await b.close();
  },
  W2r: async (m) => {
    const b = await seeded(m);
    return async () => {
      for (const p of names) await m.readFile(b, p);
    };
  },
  "W2r-slash": async (m) => {
    const b = await seeded(m);
    return async () => {
      for (const p of names) await m.readFile(b, `/${p}`);
    };
  },
  W3: async (m) => {
    const b = await seeded(m);
    return async () => {
      for (let i = 0; i < 2000; i++) await b.list(`d${i % 50}/sub/`);
    };
  },
  W4: async (m) => {
    const b = await seeded(m);
    return async () => {
      for (const p of names) await b.exists(p);
      for (const p of names) await b.exists(`${p}.missing`);
    };
  },
  "W4-slash": async (m) => {
    const b = await seeded(m);
    return async () => {
      for (const p of names) await b.exists(`/${p}`);
    };
  },
  W5: async (m) => async () => {
    const b = await seeded(m, 2000);
    for (let i = 0; i < 2000; i++) await b.copy(names[i], `c/${names[i]}`);
    for (let i = 0; i < 2000; i++) await b.move(`c/${names[i]}`, `m/${names[i]}`);
  },
  W6: async (m) => {
    const b = new m.MemoryBackend();
    return async () => {
      const w = await b.newWriter("big.bin");
      for (let at = 0; at < big.length; at += 65536) await w.write(big.subarray(at, at + 65536));
      await w.close();
      const r = await b.newReader("big.bin");
      let n = 0;
      for await (const c of r) n += c.length;
      if (n !== big.length) throw new Error("short read");
    };
  },
  W6small: async (m) => {
    // Reads of small files in small chunks: where the Buffer-pool hand-out targets.
    const b = new m.MemoryBackend();
    const w = await b.newWriter("chunked.bin");
    for (let i = 0; i < 4000; i++) await w.write(new Uint8Array(512).fill(i));
    await w.close();
    return async () => {
      for (let i = 0; i < 5; i++) {
        const r = await b.newReader("chunked.bin");
        for await (const _ of r);
      }
    };
  },
};

if (!isMainThread) {
  const dir = workerData;
  const m = {
    ...(await import(pathToFileURL(`${dir}/esm/index.js`).href)),
    ...(await import(pathToFileURL(`${dir}/esm/memory.js`).href)),
  };
  let fn;
  parentPort.on("message", async (msg) => {
    if (msg.setup) {
      fn = await WORKLOADS[msg.setup](m);
      await fn(); // warm up
      await fn();
    } else await fn();
    parentPort.postMessage("done");
  });
} else {
  const [dirA, dirB, ...only] = process.argv.slice(2);
  const ROUNDS = Number(process.env.AB_ROUNDS ?? 11);
  const workers = [dirA, dirB].map((d) => new Worker(new URL(import.meta.url), { workerData: d }));
  for (const w of workers) {
    w.on("error", (err) => {
      console.error(err);
      process.exit(1);
    });
  }
  const ask = (w, msg) =>
    new Promise((resolve) => {
      w.once("message", resolve);
      w.postMessage(msg);
    });
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  for (const id of Object.keys(WORKLOADS)) {
    if (only.length > 0 && !only.includes(id)) continue;
    for (const w of workers) await ask(w, { setup: id });
    const ms = [[], []];
    for (let r = 0; r < ROUNDS; r++) {
      for (const k of r % 2 ? [1, 0] : [0, 1]) {
        const t = cpu();
        await ask(workers[k], {});
        ms[k].push(cpu() - t);
      }
    }
    const ratios = ms[0].map((a, i) => ms[1][i] / a);
    const f = (x) => x.toFixed(1);
    console.log(
      `${id.padEnd(10)} A ${f(median(ms[0]))} ms  B ${f(median(ms[1]))} ms  B/A median ${median(ratios).toFixed(3)} [${Math.min(...ratios).toFixed(3)}..${Math.max(...ratios).toFixed(3)}]`,
    );
  }
  for (const w of workers) await w.terminate();
}
