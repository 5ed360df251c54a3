// Prints, for each input line, a JSON record with the text that kokoro-js
// 1.2.1's normalize_text returns. kokoro-js does not export that function,
// so this script cuts it out of the package's minified build and evaluates
// it. It fails if the build does not have the layout of 1.2.1's.
//
// usage:
//   npm pack kokoro-js@1.2.1 && tar xzf kokoro-js-1.2.1.tgz
//   node oracle.mjs package/dist/kokoro.js < inputs.jsonl > normalize.jsonl
// inputs.jsonl holds one JSON string per line.
import fs from "node:fs";
import readline from "node:readline";

const src = fs.readFileSync(process.argv[2], "utf8");
const helpersStart = src.indexOf("function o(e){");
const helpersEnd = src.indexOf("const u=new RegExp(");
const bodyStart = src.indexOf("function(e){return e.replace(/[‘’]/g");
const bodyEnd = src.indexOf(".trim()}(e))", bodyStart);
if ([helpersStart, helpersEnd, bodyStart, bodyEnd].includes(-1)) {
  throw new Error("oracle: kokoro.js does not have the layout of kokoro-js 1.2.1");
}
const normalizeText = new Function(
  src.slice(helpersStart, helpersEnd) + "return " + src.slice(bodyStart, bodyEnd) + ".trim()};",
)();

for await (const line of readline.createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  const input = JSON.parse(line);
  console.log(JSON.stringify({ input, output: normalizeText(input) }));
}
