// Times the TypeScript core's drawing step (program -> scene v2) in Node.
//
// Run through `python benchmarks/core_bench.py`, which compiles labextension/src/core
// to CommonJS and gives this script the programs to draw:
//   node benchmarks/core_bench.mjs BUILD_DIR PROGRAMS_JSON ROUNDS
// Prints one JSON object: cell name -> {median_ms, cpu_ms, first_ms, items, points}
// (median wall and CPU milliseconds of the warm draws; CPU time is steadier on a busy
// machine).

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import { median } from "./median.mjs";

const [buildDir, programsFile, roundsText] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { drawProgram } = require(
  join(buildDir, "core", "draw", "sample.js"),
);
const programs = JSON.parse(readFileSync(programsFile, "utf-8"));
const rounds = Number(roundsText || 30);

const out = {};
for (const [name, program] of Object.entries(programs)) {
  const times = [];
  const cpu = [];
  let drawn = null;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    drawn = drawProgram(program, { width: 600, height: 400 }, {}, {});
    const used = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((used.user + used.system) / 1000);
  }
  const items = drawn.scene ? drawn.scene.items : [];
  out[name] = {
    median_ms: median(times.slice(Math.min(5, rounds - 1))),
    cpu_ms: median(cpu.slice(Math.min(5, rounds - 1))),
    first_ms: times[0],
    items: items.length,
    points: items.reduce(
      (s, i) => s + (i.segments ?? []).reduce((t, seg) => t + seg.length, 0),
      0,
    ),
  };
}
console.log(JSON.stringify(out));
