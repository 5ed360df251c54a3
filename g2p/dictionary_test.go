package g2p

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// dictionaryFileEntries are the entries of testdata/dictionary.tsv and
// testdata/dictionary.json, with their phonemes as stored.
var dictionaryFileEntries = map[string]string{
	"Kokoro": "kˈOkəɹO",
	"espeak": "ˈiːspiːk",
	"don't":  "dˈOnt",
	"naïve":  "naɪˈiːv",
}

func TestLoadDictionary(t *testing.T) {
	t.Parallel()

	for _, name := range []string{"dictionary.tsv", "dictionary.json"} {
		t.Run(name, func(t *testing.T) {
			d, err := LoadDictionary(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != len(dictionaryFileEntries) {
				t.Errorf("Len = %d, want %d", d.Len(), len(dictionaryFileEntries))
			}
			for word, want := range dictionaryFileEntries {
				if got, ok := d.Lookup(word); !ok || got != want {
					t.Errorf("Lookup(%q) = %q, %v; want %q", word, got, ok, want)
				}
			}
		})
	}
}

func TestLoadDictionaryMissingFile(t *testing.T) {
	t.Parallel()

	_, err := LoadDictionary(filepath.Join(t.TempDir(), "none.tsv"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error = %v, want one wrapping fs.ErrNotExist", err)
	}
}

func TestDictionaryLookup(t *testing.T) {
	t.Parallel()

	d, err := NewDictionary(map[string]string{"Kokoro": "kˈOkəɹO", "don't": "dˈOnt", "café": "kæfˈeɪ", "ΟΔΟΣ": "oðˈos"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word string
		want string // "" when the word must not be found
	}{
		{"Kokoro", "kˈOkəɹO"},
		{"kokoro", "kˈOkəɹO"},
		{"KOKORO", "kˈOkəɹO"},
		{"kokoros", ""},
		{"koko", ""},
		{"don’t", "dˈOnt"},
		{"DON'T", "dˈOnt"},
		{"cafe\u0301", "kæfˈeɪ"}, // decomposed é
		{"CAFÉ", "kæfˈeɪ"},
		{"οδος", "oðˈos"},
		{"οδοσ", "oðˈos"}, // σ and ς fold to the same letter
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := d.Lookup(tt.word)
		if ok != (tt.want != "") || got != tt.want {
			t.Errorf("Lookup(%q) = %q, %v; want %q", tt.word, got, ok, tt.want)
		}
	}

	var none *Dictionary
	if _, ok := none.Lookup("Kokoro"); ok || none.Len() != 0 {
		t.Error("a nil Dictionary is not empty")
	}
}

func TestParseDictionaryErrors(t *testing.T) {
	t.Parallel()

	tests := []struct {
		name string
		data string
		want []string // substrings of the error
	}{
		{"no tab", "# words\nKokoro kˈOkəɹO\n", []string{"words.txt:2:", `"Kokoro kˈOkəɹO"`, "tab"}},
		{"empty word", "Kokoro\tkˈOkəɹO\n\tkˈOkəɹO\n", []string{"words.txt:2:", "empty word", `"kˈOkəɹO"`}},
		{"empty phonemes", "Kokoro\t  # to do\n", []string{"words.txt:1:", "empty phonemes", `"Kokoro"`}},
		{"no vocabulary symbol", "\n\nKokoro\t1234\n", []string{"words.txt:3:", `"1234"`, `"Kokoro"`, "vocabulary"}},
		{"space in a word", "New York\tnˈu jˈɔɹk\n", []string{"words.txt:1:", `"New York"`, `' '`}},
		{"period in a word", "Dr.\tdˈɑktəɹ\n", []string{"words.txt:1:", `"Dr."`, `'.'`}},
		{"apostrophe at the end", "dogs'\tdˈɔɡz\n", []string{"words.txt:1:", `"dogs'"`}},
		{"word twice", "Kokoro\tkˈOkəɹO\nespeak\tˈiːspiːk\nKOKORO\tkəkˈɔɹO\n", []string{"words.txt:3:", `"KOKORO"`, "line 1"}},
		{"invalid UTF-8", "Kokoro\tk\xffO\n", []string{"words.txt", "UTF-8"}},
		{"JSON array", ` ["Kokoro", "kˈOkəɹO"]`, []string{"words.txt", "one object"}},
		{"JSON number", "{\n  \"Kokoro\": \"kˈOkəɹO\",\n  \"espeak\": 12\n}", []string{"words.txt:3:", `"espeak"`, "a number"}},
		{"JSON null", `{"Kokoro": null}`, []string{"words.txt:1:", `"Kokoro"`, "null"}},
		{"JSON word twice", "{\"Kokoro\": \"kˈOkəɹO\",\n\"Kokoro\": \"kˈOkəɹO\"}", []string{"words.txt:2:", `"Kokoro"`, "line 1"}},
		{"JSON empty phonemes", "{\n\"Kokoro\": \"\"}", []string{"words.txt:2:", "empty phonemes"}},
		{"JSON empty word", `{"": "kˈOkəɹO"}`, []string{"words.txt:1:", "empty word"}},
		{"JSON syntax", "{\n\"Kokoro\": \"kˈOkəɹO\"\n\"espeak\": \"ˈiːspiːk\"}", []string{"words.txt:3:", "invalid JSON"}},
		{"JSON unclosed", `{"Kokoro": "kˈOkəɹO"`, []string{"words.txt:1:", "invalid JSON"}},
		{"JSON text after", `{"Kokoro": "kˈOkəɹO"} {}`, []string{"words.txt:1:", "one object"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ParseDictionary([]byte(tt.data), "words.txt")
			if err == nil {
				t.Fatalf("ParseDictionary returned %d words and no error", d.Len())
			}
			if !strings.HasPrefix(err.Error(), "g2p: ") {
				t.Errorf("error %q lacks the package prefix", err)
			}
			for _, want := range tt.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestParseDictionaryEmpty(t *testing.T) {
	t.Parallel()

	for _, data := range []string{"", "# only a comment\n\n", "{}", " \n{ }\n"} {
		d, err := ParseDictionary([]byte(data), "empty")
		if err != nil {
			t.Errorf("ParseDictionary(%q): %v", data, err)
			continue
		}
		if d.Len() != 0 {
			t.Errorf("ParseDictionary(%q) has %d words, want 0", data, d.Len())
		}
	}
}

func TestNewDictionaryErrors(t *testing.T) {
	t.Parallel()

	for _, entries := range []map[string]string{
		{"Kokoro": "kˈOkəɹO", "kokoro": "kˈOkəɹO"},
		{"": "kˈOkəɹO"},
		{"Kokoro": " "},
		{"Kokoro": "[]"},
		{"e-mail": "ˈiːmeɪl"},
	} {
		if _, err := NewDictionary(entries); err == nil {
			t.Errorf("NewDictionary(%q): no error", entries)
		}
	}
}

func TestChunksDictionary(t *testing.T) {
	t.Parallel()

	d, err := NewDictionary(map[string]string{"Kokoro": "kˈOkəɹO", "doctor": "dˈɑktəɹ", "espeak": "ˈiːspiːk"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		voice string
		norm  Normalization
		in    string
		want  []chunkWant
	}{
		{
			name: "any case",
			in:   "KOKORO, kokoro and Kokoro.",
			want: []chunkWant{{"KOKORO, kokoro and Kokoro.", "kˈOkəɹO, kˈOkəɹO ænd kˈOkəɹO."}},
		},
		{
			name: "whole words only",
			in:   "Kokoros and Kokoro-based tools.",
			want: []chunkWant{{"Kokoros and Kokoro-based tools.", "kˈoʊkəɹoʊz ænd kˈOkəɹObˈeɪst tˈuːlz."}},
		},
		{
			// kokoro-js's normalizer, frozen at version 1.2.1, reads
			// "Dr." as "Doctor".
			name: "matched after normalization",
			norm: NormalizeKokoroJS,
			in:   "Dr. Smith is in.",
			want: []chunkWant{{"Dr. Smith is in.", "dˈɑktəɹ smˈɪθ ɪz ˈɪn."}},
		},
		{
			name: "possessive in American English",
			in:   "Kokoro's voice.",
			want: []chunkWant{{"Kokoro's voice.", "kˈOkəɹOz vˈɔɪs."}},
		},
		{
			name:  "possessive in British English",
			voice: "bf_emma",
			in:    "espeak's rules.",
			want:  []chunkWant{{"espeak's rules.", "ˈiːspiːks ɹˈuːlz."}},
		},
		{
			name: "override wins over the dictionary",
			in:   "[Kokoro](/kəkˈɔɹO/) and Kokoro.",
			want: []chunkWant{{"Kokoro and Kokoro.", "kəkˈɔɹO ænd kˈOkəɹO."}},
		},
		{
			name:  "French",
			voice: "ff_siwis",
			in:    "Le modèle Kokoro.",
			want:  []chunkWant{{"Le modèle Kokoro.", "lə- modˈɛl kˈOkəɹO."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustNew(t, Options{Dictionary: d, Normalization: tt.norm})
			voice := tt.voice
			if voice == "" {
				voice = "af_heart"
			}
			chunks, err := p.Chunks(context.Background(), tt.in, voice)
			if err != nil {
				t.Fatal(err)
			}
			checkChunkTexts(t, chunks, tt.want)
		})
	}
}

// FuzzParseDictionary checks that ParseDictionary does not panic on any
// input, and that every word of a dictionary it returns is found. The
// seed inputs are in testdata/fuzz/FuzzParseDictionary.
func FuzzParseDictionary(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := ParseDictionary(data, "fuzz.tsv")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "g2p: dictionary fuzz.tsv") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		for key, phonemes := range d.entries {
			if got, ok := d.Lookup(key); !ok || got != phonemes {
				t.Errorf("Lookup(%q) = %q, %v; want %q", key, got, ok, phonemes)
			}
			if ids, _ := Tokenize(phonemes); len(ids) == 0 {
				t.Errorf("word %q has phonemes %q without a vocabulary symbol", key, phonemes)
			}
		}
	})
}
