package g2p

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// A Dictionary maps words to the Kokoro phonemes they are spoken with, in
// place of espeak-ng's reading. Words match whole and without regard to
// case, after normalization. A word of the text is a run of letters,
// digits and combining marks, with apostrophes allowed between them, so
// "Kokoro" in a dictionary matches "kokoro", "KOKORO" and the first word
// of "Kokoro-based", but not "Kokoros". In English text, a word that is
// not in the dictionary but ends in "'s" after one that is ("Kokoro's")
// is spoken with the dictionary phonemes and the ending "z", "s" or "ɪz"
// that the last phoneme calls for. Languages written without spaces,
// such as Japanese, have long words by this rule, so inline overrides
// suit them better.
//
// A Dictionary is not changed after it is made and is safe for concurrent
// use. A nil *Dictionary is an empty one.
type Dictionary struct {
	// entries maps each word, as foldWord returns it, to its phonemes.
	entries map[string]string
}

// NewDictionary returns a Dictionary of entries, which map words to their
// Kokoro phonemes. It returns an error for an entry that LoadDictionary
// would reject in a file, naming the entry.
func NewDictionary(entries map[string]string) (*Dictionary, error) {
	d := &Dictionary{entries: make(map[string]string, len(entries))}
	keys := make(map[string]string, len(entries)) // folded word -> word as given
	for _, word := range slices.Sorted(maps.Keys(entries)) {
		key, ps, err := checkEntry(word, entries[word])
		if err != nil {
			return nil, fmt.Errorf("g2p: dictionary: %w", err)
		}
		if prev, ok := keys[key]; ok {
			return nil, fmt.Errorf("g2p: dictionary: words %q and %q differ only in case; keep one of them", prev, word)
		}
		keys[key] = word
		d.entries[key] = ps
	}
	return d, nil
}

// LoadDictionary reads a pronunciation dictionary file. A file whose first
// character other than whitespace is "{" is read as a JSON object that
// maps each word to its phonemes:
//
//	{"Kokoro": "kˈOkəɹO", "espeak": "ˈiːspiːk"}
//
// Any other file is read as lines of a word, a tab and the word's
// phonemes. Everything from "#" to the end of a line is a comment, and
// blank lines are skipped:
//
//	# word<TAB>phonemes
//	Kokoro	kˈOkəɹO
//
// A word is one or more letters, digits and combining marks, with
// apostrophes allowed between them ("don't"). Phonemes are Kokoro
// phoneme symbols, and the whitespace around them is dropped. The error
// for a bad entry names the file, the line and the entry: an empty word,
// a word with other characters, empty phonemes, phonemes without a
// single symbol of the Kokoro vocabulary, and a word given twice (in any
// case). Phonemes with some symbols outside the vocabulary are accepted,
// and those symbols are dropped and counted in Chunk.Dropped when spoken.
func LoadDictionary(path string) (*Dictionary, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("g2p: read dictionary: %w", err)
	}
	return ParseDictionary(data, filepath.Base(path))
}

// ParseDictionary reads a pronunciation dictionary in one of the formats
// of LoadDictionary from data. name is the file name used in errors.
func ParseDictionary(data []byte, name string) (*Dictionary, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("g2p: dictionary %s is not valid UTF-8; save it as UTF-8", name)
	}
	trimmed := bytes.TrimLeftFunc(data, unicode.IsSpace)
	switch {
	case len(trimmed) > 0 && trimmed[0] == '{':
		return parseJSONDictionary(data, name)
	case len(trimmed) > 0 && trimmed[0] == '[':
		return nil, fmt.Errorf("g2p: dictionary %s starts with \"[\"; a JSON dictionary is one object such as {\"Kokoro\": \"kˈOkəɹO\"}", name)
	}
	return parseTSVDictionary(data, name)
}

// parseTSVDictionary reads the word<TAB>phonemes format.
func parseTSVDictionary(data []byte, name string) (*Dictionary, error) {
	var (
		d     = &Dictionary{entries: map[string]string{}}
		lines = map[string]int{} // folded word -> line it is on
	)
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSuffix(line, "\r")
		entry := line
		if j := strings.IndexByte(line, '#'); j >= 0 {
			entry = line[:j]
		}
		if strings.TrimSpace(entry) == "" {
			continue
		}

		word, phonemes, ok := strings.Cut(entry, "\t")
		if !ok {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: no tab in %q; separate the word from its phonemes with a tab", name, n, clip(line))
		}
		key, ps, err := checkEntry(strings.TrimSpace(word), phonemes)
		if err != nil {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: %w", name, n, err)
		}
		if prev, ok := lines[key]; ok {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: word %q is already on line %d (words match without regard to case); keep one entry", name, n, strings.TrimSpace(word), prev)
		}
		lines[key] = n
		d.entries[key] = ps
	}
	return d, nil
}

// parseJSONDictionary reads the JSON object format. It reads the object
// token by token, so that a word given twice is an error and each error
// names its line.
func parseJSONDictionary(data []byte, name string) (*Dictionary, error) {
	var (
		d     = &Dictionary{entries: map[string]string{}}
		lines = map[string]int{}
		dec   = json.NewDecoder(bytes.NewReader(data))
	)
	lineAt := func(offset int64) int {
		return 1 + bytes.Count(data[:min(int(offset), len(data))], []byte("\n"))
	}
	fail := func(err error) error {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return fmt.Errorf("g2p: dictionary %s:%d: invalid JSON: %w", name, lineAt(syntax.Offset), err)
		}
		return fmt.Errorf("g2p: dictionary %s:%d: invalid JSON: %w", name, lineAt(dec.InputOffset()), err)
	}

	if _, err := dec.Token(); err != nil { // the "{" that ParseDictionary found
		return nil, fail(err)
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		word, _ := tok.(string) // object keys are always strings
		n := lineAt(dec.InputOffset())

		tok, err = dec.Token()
		if err != nil {
			return nil, fail(err)
		}
		phonemes, ok := tok.(string)
		if !ok {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: the value of %q is %s; give its phonemes as a JSON string", name, n, word, jsonKind(tok))
		}
		key, ps, err := checkEntry(word, phonemes)
		if err != nil {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: %w", name, n, err)
		}
		if prev, ok := lines[key]; ok {
			return nil, fmt.Errorf("g2p: dictionary %s:%d: word %q is already on line %d (words match without regard to case); keep one entry", name, n, word, prev)
		}
		lines[key] = n
		d.entries[key] = ps
	}
	if _, err := dec.Token(); err != nil { // "}"
		return nil, fail(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("g2p: dictionary %s:%d: text after the JSON object; a JSON dictionary is one object", name, lineAt(dec.InputOffset()))
	}
	return d, nil
}

// jsonKind names the JSON type of a token for an error message.
func jsonKind(tok json.Token) string {
	switch tok.(type) {
	case json.Delim:
		return "an array or object"
	case float64, json.Number:
		return "a number"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return fmt.Sprintf("%T", tok)
}

// checkEntry validates one dictionary entry and returns its key, as
// foldWord makes it, and its phonemes without surrounding whitespace.
func checkEntry(word, phonemes string) (key, ps string, err error) {
	if word == "" {
		return "", "", fmt.Errorf("empty word before the phonemes %q; write the word first", clip(phonemes))
	}
	if r, ok := firstNonWordRune(word); ok {
		return "", "", fmt.Errorf("word %q contains %q; a word is letters, digits and combining marks, with apostrophes between them, and matches whole", clip(word), r)
	}
	ps = jsTrim(phonemes)
	if ps == "" {
		return "", "", fmt.Errorf("empty phonemes for %q; write Kokoro phonemes such as kˈOkəɹO", clip(word))
	}
	if ids, _ := Tokenize(ps); len(ids) == 0 {
		return "", "", fmt.Errorf("phonemes %q for %q have no symbol of the Kokoro vocabulary; write Kokoro phonemes such as kˈOkəɹO", clip(ps), clip(word))
	}
	return foldWord(word), ps, nil
}

// firstNonWordRune returns the first rune of word that a dictionary word
// cannot contain, and whether there is one.
func firstNonWordRune(word string) (rune, bool) {
	runes := []rune(word)
	for i, r := range runes {
		if isWordRune(r) {
			continue
		}
		if isApostrophe(r) && i > 0 && i < len(runes)-1 && isWordRune(runes[i-1]) && isWordRune(runes[i+1]) {
			continue
		}
		return r, true
	}
	return 0, false
}

// Lookup returns the phonemes of word and whether the dictionary has it.
// Case, Unicode normalization form and the kind of apostrophe do not
// matter.
func (d *Dictionary) Lookup(word string) (phonemes string, ok bool) {
	if d == nil || len(d.entries) == 0 {
		return "", false
	}
	phonemes, ok = d.entries[foldWord(word)]
	return phonemes, ok
}

// Len returns the number of words in the dictionary.
func (d *Dictionary) Len() int {
	if d == nil {
		return 0
	}
	return len(d.entries)
}

// foldWord returns the key under which a dictionary stores word: word in
// Unicode normal form C, with each rune replaced by the smallest rune that
// equals it under simple case folding ("K", "k" and the Kelvin sign all
// become "K") and each typographic apostrophe by "'". Unlike a
// cases.Caser, it keeps no state and is safe for concurrent use.
func foldWord(word string) string {
	return strings.Map(func(r rune) rune {
		if isApostrophe(r) {
			return '\''
		}
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		return least
	}, norm.NFC.String(word))
}

// isWordRune reports whether r can be part of a dictionary word.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }
