// Times the TypeScript core on a table and two fits, in Node.
//
// Run through `python benchmarks/data_bench.py`, which compiles labextension/src/core
// to CommonJS and writes the CSV:
//   node benchmarks/data_bench.mjs BUILD_DIR CSV CELLS_JSON ROUNDS ROWS
// Prints one JSON object: cell name -> median wall milliseconds (a fresh session each
// round, the cells run in order as in the Python half).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { median } from "./median.mjs";

const [buildDir, csvFile, cellsText, roundsText, rowsText] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { Session } = require(join(buildDir, "core", "lang", "session.js"));
const text = readFileSync(csvFile, "utf-8");
const cells = JSON.parse(cellsText);
const rounds = Number(roundsText);
const rows = Number(rowsText);

function timed(count) {
  const times = Object.fromEntries(Object.keys(cells).map((name) => [name, []]));
  for (let r = 0; r < count; r++) {
    const session = new Session({ maxTableRows: rows }, () => text);
    for (const [name, source] of Object.entries(cells)) {
      const t0 = performance.now();
      const [, problems] = session.run(source);
      times[name].push(performance.now() - t0);
      if (problems.length > 0) {
        throw new Error(`${name}: ${JSON.stringify(problems)}`);
      }
    }
  }
  return times;
}

timed(2); // warm the JIT
const times = timed(rounds);
console.log(
  JSON.stringify(
    Object.fromEntries(Object.entries(times).map(([n, t]) => [n, median(t)])),
  ),
);
