// The code under test: a nightly batch that turns order files into invoices. It knows only the
// `Backend` interface, so production runs it on the disk (or S3) and the tests on memory.
import { type Backend, readJSON, writeFile } from "omnistorage-ts";

interface Product {
  name: string;
  cents: number;
}

interface Order {
  id: string;
  customer: string;
  lines: { sku: string; qty: number }[];
}

/** What a batch did. */
export interface BatchSummary {
  invoiced: string[];
  rejected: string[];
  totalCents: number;
}

const money = (cents: number) => (cents / 100).toFixed(2);

/**
 * Reads `catalog.json` and every `orders/*.json`, writes `out/invoices/<id>.txt` for each
 * order it can price, `out/rejected/<id>.txt` (the reason) for the others, and
 * `out/summary.json`.
 */
export async function runInvoicing(backend: Backend): Promise<BatchSummary> {
  const catalog = await readJSON<Record<string, Product>>(backend, "catalog.json");
  const summary: BatchSummary = { invoiced: [], rejected: [], totalCents: 0 };
  for (const path of await backend.list("orders/")) {
    if (!path.endsWith(".json")) continue;
    const order = await readJSON<Order>(backend, path);
    const unknown = order.lines.filter((line) => !(line.sku in catalog)).map((l) => l.sku);
    if (unknown.length > 0) {
      await writeFile(
        backend,
        `out/rejected/${order.id}.txt`,
        `unknown SKU: ${unknown.join(", ")}\n`,
      );
      summary.rejected.push(order.id);
      continue;
    }
    let total = 0;
    const rows = order.lines.map(({ sku, qty }) => {
      const product = catalog[sku] as Product;
      total += product.cents * qty;
      return `  ${qty} x ${product.name.padEnd(24)}${money(product.cents * qty).padStart(9)}`;
    });
    const invoice = [
      `Invoice ${order.id}`,
      `Customer: ${order.customer}`,
      "",
      ...rows,
      "",
      `Total: ${money(total)}`,
      "",
    ].join("\n");
    await writeFile(backend, `out/invoices/${order.id}.txt`, invoice);
    summary.invoiced.push(order.id);
    summary.totalCents += total;
  }
  await writeFile(backend, "out/summary.json", `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
