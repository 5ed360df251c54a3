// Package g2p turns text into the phoneme ids that the Kokoro-82M model
// reads, the way kokoro-js 1.2.1 does it.
//
// The pipeline has five steps. SplitSentences cuts the text into sentences
// like kokoro-js's TextSplitterStream. Each sentence is normalized (numbers,
// money, abbreviations) by package normalize, or by its port of kokoro-js's
// own normalization when Options.Normalization asks for output identical to
// kokoro-js's. Runs of punctuation are kept
// as they are and the other pieces are read by espeak-ng as IPA. A fixed
// list of rewrite rules maps espeak-ng's IPA onto Kokoro's alphabet, and
// Tokenize maps each symbol to its id in the 115-symbol vocabulary.
//
// Each sentence becomes one Chunk. A chunk never has more than MaxIDs ids
// (or Options.MaxIDs): a longer sentence is split at clause punctuation,
// then between words, and is never truncated. The first chunk of a text can be kept shorter
// (Options.FirstChunkMaxIDs) so that the first audio arrives sooner.
//
// The package does not add the pad ids that the model expects at both ends
// of a chunk; Pad does that. It calls espeak-ng through cgo, so a build
// without cgo returns an error from Chunks.
package g2p
