// Sums the outcomes of every TRX file in a folder and prints "N passed, N failed, N skipped".
// Exits 1 when a test failed or when no test ran at all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const folder = process.argv[2];
const counts = { Passed: 0, Failed: 0, NotExecuted: 0, Other: 0 };
for (const file of readdirSync(folder, { recursive: true }).filter((f) => String(f).endsWith(".trx"))) {
  const xml = readFileSync(join(folder, String(file)), "utf8");
  for (const match of xml.matchAll(/<UnitTestResult\b[^>]*\boutcome="([A-Za-z]+)"/g)) {
    counts[match[1] in counts ? match[1] : "Other"]++;
  }
}

const failed = counts.Failed + counts.Other;
console.log(`${counts.Passed} passed, ${failed} failed, ${counts.NotExecuted} skipped`);
process.exit(failed > 0 || counts.Passed === 0 ? 1 : 0);
