// A Nitro-style handler: it only knows unstorage's Storage. Its tests put a MemoryBackend
// behind it with omnistorage-ts/unstorage.
import type { Storage } from "unstorage";

/** What the handler answers. */
export interface Reply {
  status: number;
  body: unknown;
}

/** POST /orders: stores the order under `orders:<id>` and answers with the order count. */
export async function createOrder(
  storage: Storage,
  order: { id: string; total: number },
): Promise<Reply> {
  if (!/^[a-z0-9-]+$/.test(order.id)) return { status: 400, body: { error: "bad id" } };
  try {
    await storage.setItem(`orders:${order.id}`, order);
    const count = (await storage.getKeys("orders")).length;
    return { status: 201, body: { id: order.id, count } };
  } catch {
    // Storage is down: the client may retry.
    return { status: 503, body: { error: "storage unavailable" } };
  }
}
