// Prints the sentences and phonemes that kokoro-js makes of each input line,
// without running its model, for the reference files of package g2p.
//
//   mkdir /tmp/kjs && cd /tmp/kjs && npm init -y && npm install kokoro-js@1.2.1
//   node kokorojs-reference.mjs /tmp/kjs af_heart < inputs.jsonl > out.jsonl
//
// Each input line is a JSON string. kokoro-js does not export its phonemize
// step, so the script loads a copy of its bundle with that function added
// to the exports.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";

const [dir, voice = "af_heart"] = process.argv.slice(2);
const dist = path.join(dir, "node_modules/kokoro-js/dist");
const bundle = fs.readFileSync(path.join(dist, "kokoro.js"), "utf8");
const exportsLine = "export{M as KokoroTTS,w as TextSplitterStream,Q as env};";
if (!bundle.includes(exportsLine)) {
  throw new Error("kokoro-js bundle is not version 1.2.1: its export line differs");
}
const copy = path.join(dist, "kokoro-reference.mjs");
fs.writeFileSync(copy, bundle.replace(exportsLine, "export{w as TextSplitterStream,m as phonemize};"));
const { TextSplitterStream, phonemize } = await import(pathToFileURL(copy).href);

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const input = JSON.parse(line);
  const splitter = new TextSplitterStream();
  splitter.push(input);
  splitter.close();
  const chunks = [];
  for (const text of splitter.sentences.slice()) {
    chunks.push({ text, phonemes: await phonemize(text, voice[0]) });
  }
  console.log(JSON.stringify({ voice, input, chunks }));
}
process.exit(0);
