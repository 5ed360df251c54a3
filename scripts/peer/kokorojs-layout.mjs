// Lays out a ttsbench model folder as the Hugging Face style folder that
// kokoro-js 1.2.1 loads through transformers.js. The source folder needs
// onnx/model.onnx and a config.json with a "vocab" map, as
// `ttsbench models standin` writes. The output gets a config.json naming
// the model type, a tokenizer.json whose WordLevel model maps each phoneme
// symbol to its Kokoro id, and a tokenizer_config.json. Its
// onnx/model.onnx is a symbolic link to the source file, so both engines
// read the same bytes.
//
// usage: node kokorojs-layout.mjs SRC_DIR OUT_DIR
import fs from "node:fs";
import path from "node:path";

const [srcDir, outDir] = process.argv.slice(2);
if (!srcDir || !outDir) {
  console.error("usage: node kokorojs-layout.mjs SRC_DIR OUT_DIR");
  process.exit(2);
}

const src = path.resolve(srcDir);
const onnxPath = path.join(src, "onnx", "model.onnx");
if (!fs.existsSync(onnxPath)) {
  console.error(`kokorojs-layout: ${onnxPath} not found; write a stand-in first with \`ttsbench models standin DIR --models model\``);
  process.exit(1);
}
const srcConfig = JSON.parse(fs.readFileSync(path.join(src, "config.json"), "utf8"));
const vocab = { ...srcConfig.vocab };
if (Object.keys(vocab).length === 0) {
  console.error(`kokorojs-layout: ${path.join(src, "config.json")} has no "vocab" map`);
  process.exit(1);
}
// Kokoro pads each id sequence with id 0 at both ends. kokoro-js gets the
// pads from the tokenizer's post-processor, which needs a token for id 0.
vocab["$"] = 0;

fs.mkdirSync(path.join(outDir, "onnx"), { recursive: true });
const link = path.join(outDir, "onnx", "model.onnx");
fs.rmSync(link, { force: true });
fs.symlinkSync(onnxPath, link);

const writeJSON = (name, value) => fs.writeFileSync(path.join(outDir, name), JSON.stringify(value, null, 1) + "\n");
writeJSON("config.json", { model_type: "style_text_to_speech_2" });
writeJSON("tokenizer_config.json", {
  model_max_length: 512,
  pad_token: "$",
  unk_token: "$",
  tokenizer_class: "PreTrainedTokenizer",
});

const pad = { SpecialToken: { id: "$", type_id: 0 } };
writeJSON("tokenizer.json", {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: [{ id: 0, content: "$", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
  normalizer: null,
  // An empty regex with behavior Isolated splits the phoneme string into
  // single characters, one token each.
  pre_tokenizer: { type: "Split", pattern: { Regex: "" }, behavior: "Isolated", invert: false },
  post_processor: {
    type: "TemplateProcessing",
    single: [pad, { Sequence: { id: "A", type_id: 0 } }, pad],
    pair: [pad, { Sequence: { id: "A", type_id: 0 } }, pad, { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "$", type_id: 1 } }],
    special_tokens: { $: { id: "$", ids: [0], tokens: ["$"] } },
  },
  decoder: null,
  model: { type: "WordLevel", vocab, unk_token: "$" },
});
console.log(path.resolve(outDir));
