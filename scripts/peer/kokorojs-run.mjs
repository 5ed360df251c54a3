// Times kokoro-js 1.2.1 per input line on a local Kokoro model folder laid
// out by kokorojs-layout.mjs, the way BenchmarkPeerLines times the ttsbench
// engine: wall time from handing the line to kokoro-js until its last audio
// chunk arrives, G2P included, after warm-up passes over all lines.
//
// usage: node kokorojs-run.mjs [flags] MODEL_DIR < lines.txt > kokorojs.jsonl
//
//	--workdir DIR  folder holding node_modules/kokoro-js (default
//	               ${XDG_CACHE_HOME:-~/.cache}/ttsbench/peer-kokorojs)
//	--voice NAME   voice pack (default af_heart)
//	--threads N    ONNX Runtime intra-op threads (default 1); 0 loads the
//	               model through KokoroTTS.from_pretrained unchanged, which
//	               leaves the thread count to ONNX Runtime
//	--spinning     let idle ONNX Runtime threads busy-wait (default off, as
//	               in the ttsbench engine)
//	--warmup K     untimed passes over all lines first (default 2)
//	--passes P     timed passes over all lines (default 3)
//	--model-only   time only KokoroTTS.generate_from_ids on each chunk's
//	               ids, which G2P produced before the warm-up: style
//	               lookup, model run and audio wrapping, without G2P
//
// Each timed line prints one JSON object: pass, index, input,
// first_chunk_ms, total_ms, chunks, samples, and in pass 0 the phoneme ids
// of each chunk without the pads. A last record of kind "cpu" gives the
// process's CPU time over the timed passes per line. A summary goes to
// stderr.
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workdir: { type: "string", default: path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "ttsbench", "peer-kokorojs") },
    voice: { type: "string", default: "af_heart" },
    threads: { type: "string", default: "1" },
    spinning: { type: "boolean", default: false },
    "model-only": { type: "boolean", default: false },
    warmup: { type: "string", default: "2" },
    passes: { type: "string", default: "3" },
  },
});
if (positionals.length !== 1) {
  console.error("usage: node kokorojs-run.mjs [--workdir DIR] [--voice NAME] [--threads N] [--spinning] [--warmup K] [--passes P] [--model-only] MODEL_DIR < lines.txt");
  process.exit(2);
}
const threads = Number(flags.threads);
const warmup = Number(flags.warmup);
const passes = Number(flags.passes);
for (const [name, v, min] of [["--threads", threads, 0], ["--warmup", warmup, 0], ["--passes", passes, 1]]) {
  if (!Number.isInteger(v) || v < min) {
    console.error(`kokorojs-run: invalid ${name} ${JSON.stringify(flags[name.slice(2)])}: use an integer of at least ${min}`);
    process.exit(2);
  }
}

// The script lives in the repository, kokoro-js in the work folder. Node
// resolves bare imports from the script's own location, so both packages
// are required from the work folder instead. Requiring both through the
// same resolver gives kokoro-js and this script one transformers.js
// instance, so the env settings below reach the model kokoro-js runs.
const require = createRequire(path.join(path.resolve(flags.workdir), "package.json"));
let kokoro, transformers;
try {
  kokoro = require("kokoro-js");
  transformers = require("@huggingface/transformers");
} catch (err) {
  console.error(`kokorojs-run: kokoro-js not found in ${flags.workdir} (${err.message}); run scripts/peer/kokorojs-setup.sh first`);
  process.exit(1);
}
const { KokoroTTS, TextSplitterStream } = kokoro;
const { env, StyleTextToSpeech2Model, AutoTokenizer } = transformers;

// kokoro-js exports its own env object; model loading reads transformers.js's.
const modelDir = path.resolve(positionals[0]);
env.allowRemoteModels = false;
env.localModelPath = path.dirname(modelDir) + path.sep;
const modelName = path.basename(modelDir);

const loadStart = performance.now();
let tts;
if (threads === 0) {
  tts = await KokoroTTS.from_pretrained(modelName, { dtype: "fp32", device: "cpu" });
} else {
  // KokoroTTS.from_pretrained passes no session options, so this loads the
  // same two parts it loads, with the thread settings added, and builds
  // KokoroTTS from them through its public constructor.
  const spin = flags.spinning ? "1" : "0";
  const sessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: "sequential",
    extra: { session: { intra_op: { allow_spinning: spin }, inter_op: { allow_spinning: spin } } },
  };
  const [model, tokenizer] = await Promise.all([
    StyleTextToSpeech2Model.from_pretrained(modelName, { dtype: "fp32", device: "cpu", session_options: sessionOptions }),
    AutoTokenizer.from_pretrained(modelName),
  ]);
  tts = new KokoroTTS(model, tokenizer);
}
const loadMs = performance.now() - loadStart;

const lines = [];
for await (const line of readline.createInterface({ input: process.stdin })) {
  if (line.trim()) lines.push(line);
}
if (lines.length === 0) {
  console.error("kokorojs-run: no input lines on stdin");
  process.exit(2);
}

// speak streams one line and returns each chunk's arrival time, phonemes
// and sample count. kokoro-js 1.2.1 ends the stream only when its TextSplitterStream
// is closed: a plain string passed to stream() never finishes iterating.
async function speak(line) {
  const start = performance.now();
  const chunks = [];
  const splitter = new TextSplitterStream();
  const stream = tts.stream(splitter, { voice: flags.voice });
  splitter.push(line);
  splitter.close();
  for await (const { phonemes, audio } of stream) {
    chunks.push({ at: performance.now() - start, phonemes, samples: audio.audio.length });
  }
  return chunks;
}

// runModel times generate_from_ids on the padded ids of each chunk, as
// kokoro-js's stream() calls it after G2P, and returns what speak returns.
async function runModel(chunkIDs) {
  const start = performance.now();
  const chunks = [];
  for (const { ids, phonemes } of chunkIDs) {
    const audio = await tts.generate_from_ids(ids, { voice: flags.voice });
    chunks.push({ at: performance.now() - start, phonemes, samples: audio.audio.length });
  }
  return chunks;
}

let run = speak;
if (flags["model-only"]) {
  const chunkIDs = new Map();
  for (const line of lines) {
    const chunks = await speak(line);
    chunkIDs.set(line, chunks.map((c) => ({ phonemes: c.phonemes, ids: tts.tokenizer(c.phonemes, { truncation: true }).input_ids })));
  }
  run = (line) => runModel(chunkIDs.get(line));
}

for (let p = 0; p < warmup; p++) {
  for (const line of lines) await run(line);
}

const totals = [];
const cpuStart = process.cpuUsage();
for (let p = 0; p < passes; p++) {
  for (const [index, line] of lines.entries()) {
    const chunks = await run(line);
    if (chunks.length === 0) {
      console.error(`kokorojs-run: line ${index} ${JSON.stringify(line)} gave no audio`);
      process.exit(1);
    }
    const record = {
      engine: flags["model-only"] ? "kokoro-js-model-only" : "kokoro-js",
      pass: p,
      index,
      input: line,
      first_chunk_ms: chunks[0].at,
      total_ms: chunks.at(-1).at,
      chunks: chunks.length,
      samples: chunks.reduce((n, c) => n + c.samples, 0),
    };
    if (p === 0) {
      // Tokenized after the clock stopped, as kokoro-js tokenizes before
      // each model run; slice drops the pad id at both ends.
      record.ids = chunks.map((c) => Array.from(tts.tokenizer(c.phonemes, { truncation: true }).input_ids.data, Number).slice(1, -1));
    }
    totals.push(record.total_ms);
    console.log(JSON.stringify(record));
  }
}

// process.cpuUsage counts user plus system time of every thread of the
// process, ONNX Runtime's pool threads included, in microseconds.
const cpu = process.cpuUsage(cpuStart);
const cpuPerLine = (cpu.user + cpu.system) / 1000 / totals.length;
console.log(JSON.stringify({ engine: flags["model-only"] ? "kokoro-js-model-only" : "kokoro-js", kind: "cpu", cpu_ms_per_line: cpuPerLine, lines: totals.length }));

const sorted = [...totals].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const mean = totals.reduce((a, b) => a + b, 0) / totals.length;
console.error(
  `kokorojs-run: ${lines.length} lines x ${passes} passes, threads=${threads === 0 ? "ort-default" : threads}, ` +
    `${flags["model-only"] ? "model only, " : ""}` +
    `load ${loadMs.toFixed(0)} ms, median ${median.toFixed(3)} ms/line, mean ${mean.toFixed(3)} ms/line, ` +
    `CPU ${cpuPerLine.toFixed(3)} ms/line`,
);
