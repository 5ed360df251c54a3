package g2p

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// MaxIDs is the maximum number of phoneme ids in one chunk, pads excluded.
// Kokoro's ALBERT encoder reads at most 512 positions and two are the pads.
const MaxIDs = 510

// PadID is the id of the pad symbol "$" that the model expects at both ends
// of the ids.
const PadID int64 = 0

// vocabJSON is the "vocab" table of the Kokoro-82M v1.0 config.json: 115
// symbols, each one rune, mapped to ids from 0 to 177.
//
//go:embed vocab.json
var vocabJSON []byte

// vocab maps each phoneme symbol to its id. It leaves out the pad "$" so
// that a "$" in the phonemes is dropped like any other unknown symbol
// instead of becoming a pad in the middle of the ids.
var vocab = mustLoadVocab(vocabJSON)

func mustLoadVocab(data []byte) map[rune]int64 {
	var table map[string]int64
	if err := json.Unmarshal(data, &table); err != nil {
		panic(fmt.Sprintf("g2p: embedded vocab.json is invalid: %v", err))
	}
	symbols := make(map[rune]int64, len(table))
	for sym, id := range table {
		r, size := utf8.DecodeRuneInString(sym)
		if size != len(sym) || r == utf8.RuneError {
			panic(fmt.Sprintf("g2p: embedded vocab.json symbol %q is not one rune", sym))
		}
		if id == PadID {
			continue
		}
		symbols[r] = id
	}
	return symbols
}

// Tokenize returns the vocabulary id of each rune of phonemes, in order,
// and the number of runes it dropped because they are not in the
// vocabulary (for example ASCII "g", whose phoneme is U+0261 "ɡ", or "«").
// The pad symbol "$" is dropped too, so ids never contain PadID.
func Tokenize(phonemes string) (ids []int64, dropped int) {
	ids = make([]int64, 0, len(phonemes))
	for _, r := range phonemes {
		id, ok := vocab[r]
		if !ok {
			dropped++
			continue
		}
		ids = append(ids, id)
	}
	return ids, dropped
}

// Pad returns a new slice with PadID added at both ends of ids, the form
// the model reads. ids is not modified.
func Pad(ids []int64) []int64 {
	padded := make([]int64, 0, len(ids)+2)
	padded = append(padded, PadID)
	padded = append(padded, ids...)
	return append(padded, PadID)
}
