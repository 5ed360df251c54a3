// Summarizes a compare.sh output folder. For each round it prints the
// median and mean ms per line of ttsbench and kokoro-js and their ratio,
// kokoro-js time divided by ttsbench time, so 3 means ttsbench is 3 times
// faster. Then it prints the spread of the ratio over rounds. It repeats
// the table for the lines whose phoneme ids were identical on both sides,
// where both engines ran the model on the same input.
//
// usage: node summarize.mjs OUT_DIR
// OUT_DIR contains round-N-ttsbench.jsonl and round-N-kokorojs.jsonl files.
import fs from "node:fs";
import path from "node:path";

const [dir] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node summarize.mjs OUT_DIR");
  process.exit(2);
}

const readJSONL = (file) =>
  fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

const rounds = fs
  .readdirSync(dir)
  .map((f) => /^round-(\d+)-ttsbench\.jsonl$/.exec(f)?.[1])
  .filter(Boolean)
  .map(Number)
  .sort((a, b) => a - b)
  .map((n) => {
    const go = readJSONL(path.join(dir, `round-${n}-ttsbench.jsonl`));
    const js = readJSONL(path.join(dir, `round-${n}-kokorojs.jsonl`));
    return {
      n,
      go: go.filter((r) => !r.kind),
      js: js.filter((r) => !r.kind),
      goCPU: go.find((r) => r.kind === "cpu")?.cpu_ms_per_line,
      jsCPU: js.find((r) => r.kind === "cpu")?.cpu_ms_per_line,
    };
  });
if (rounds.length === 0) {
  console.error(`summarize: no round-N-ttsbench.jsonl files in ${dir}`);
  process.exit(1);
}

// The upper median for an even count, as BenchmarkPeerLines and
// kokorojs-run.mjs compute it.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const fmt = (x, digits = 2) => x.toFixed(digits).padStart(9);

// Ids and sample counts are compared in round 1 only, because the input
// and the model are the same in every round.
const sameIDs = new Set();
let sameSamples = 0;
const first = rounds[0];
const goIDs = new Map(first.go.filter((r) => r.pass === 0).map((r) => [r.index, r]));
for (const js of first.js.filter((r) => r.pass === 0)) {
  const go = goIDs.get(js.index);
  if (!go) continue;
  if (JSON.stringify(go.ids) === JSON.stringify(js.ids)) sameIDs.add(js.index);
  if (go.samples === js.samples) sameSamples++;
}
const numLines = new Set(first.go.map((r) => r.index)).size;

function table(title, keep) {
  console.log(`\n${title}`);
  console.log("round  ttsbench-median  kokorojs-median  ratio  ttsbench-mean  kokorojs-mean  ratio");
  const ratios = [];
  for (const { n, go, js } of rounds) {
    const g = go.filter((r) => keep(r.index)).map((r) => r.total_ms);
    const k = js.filter((r) => keep(r.index)).map((r) => r.total_ms);
    const ratio = median(k) / median(g);
    ratios.push(ratio);
    console.log(
      `${String(n).padStart(5)}  ${fmt(median(g), 3)} ms    ${fmt(median(k), 3)} ms  ${fmt(ratio, 1).trim().padStart(5)}  ` +
        `${fmt(mean(g), 3)} ms   ${fmt(mean(k), 3)} ms  ${fmt(mean(k) / mean(g), 1).trim().padStart(5)}`,
    );
  }
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `ratio of medians over ${ratios.length} rounds: min ${sorted[0].toFixed(1)}, median ${median(ratios).toFixed(1)}, max ${sorted.at(-1).toFixed(1)}`,
  );
}

console.log(`${numLines} lines, ${rounds.length} rounds; ms per line, wall time from handing the line over to its last audio chunk`);
console.log(`identical phoneme ids on ${sameIDs.size} of ${numLines} lines, identical sample counts on ${sameSamples}`);
table("all lines", () => true);
if (sameIDs.size > 0 && sameIDs.size < numLines) {
  table(`lines with identical phoneme ids (${sameIDs.size})`, (i) => sameIDs.has(i));
}
if (rounds.every((r) => r.goCPU !== undefined && r.jsCPU !== undefined)) {
  console.log("\nprocess CPU time (user + system) over the timed passes, per line");
  console.log("round  ttsbench  kokorojs  ratio");
  for (const { n, goCPU, jsCPU } of rounds) {
    console.log(`${String(n).padStart(5)}  ${fmt(goCPU, 3)} ms ${fmt(jsCPU, 3)} ms  ${fmt(jsCPU / goCPU, 1).trim().padStart(5)}`);
  }
}
