package g2p

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/ttsbench/ttsbench/internal/espeak"
)

// givenPhonemes are the phonemes that the user gives for parts of a text:
// its inline overrides, by placeholder, and the words of a dictionary.
type givenPhonemes struct {
	overrides overrides
	dict      *Dictionary
}

// A run is a piece of a speech segment: text for espeak-ng, or text that
// is spoken with given phonemes.
type run struct {
	text     string
	phonemes string // the given phonemes; set only when given is true
	given    bool
}

// runs cuts a speech segment into runs. Two plain runs never follow each
// other. A segment without placeholders or dictionary words is one plain
// run.
func (g givenPhonemes) runs(seg string, lang Lang) []run {
	if len(g.overrides) == 0 && g.dict.Len() == 0 {
		return []run{{text: seg}}
	}

	var (
		runs  []run
		plain int // start of the text not yet in runs
	)
	for i := 0; i < len(seg); {
		r, size := utf8.DecodeRuneInString(seg[i:])
		o, ok := g.overrides[r]
		if !ok {
			i += size
			continue
		}
		runs = g.appendPlain(runs, seg[plain:i], lang)
		ps, end := withPossessive(o.phonemes, seg, i+size, lang)
		runs = append(runs, run{text: seg[i:end], phonemes: ps, given: true})
		i, plain = end, end
	}
	return g.appendPlain(runs, seg[plain:], lang)
}

// appendPlain appends text, which has no placeholder, to runs: the words
// of the dictionary as given runs and the text between them as plain runs.
func (g givenPhonemes) appendPlain(runs []run, text string, lang Lang) []run {
	if text == "" {
		return runs
	}
	plain := 0
	for i := 0; i < len(text); {
		start, end := nextWord(text, i)
		if start == end {
			break
		}
		i = end
		ps, ok := g.dict.Lookup(text[start:end])
		if !ok && english(lang) {
			if stem, found := cutPossessive(text[start:end]); found {
				if ps, ok = g.dict.Lookup(stem); ok {
					ps = appendS(ps, lang)
				}
			}
		}
		if !ok {
			continue
		}
		if plain < start {
			runs = append(runs, run{text: text[plain:start]})
		}
		runs = append(runs, run{text: text[start:end], phonemes: ps, given: true})
		plain = end
	}
	if plain < len(text) {
		runs = append(runs, run{text: text[plain:]})
	}
	return runs
}

// nextWord returns the bounds of the first word of text at or after byte
// i: a run of letters, digits and marks, with apostrophes allowed between
// them. start equals end when there is no word.
func nextWord(text string, i int) (start, end int) {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if isWordRune(r) {
			break
		}
		i += size
	}
	start, end = i, i
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		switch {
		case isWordRune(r):
			end += size
		case isApostrophe(r):
			next, _ := utf8.DecodeRuneInString(text[end+size:])
			if !isWordRune(next) {
				return start, end
			}
			end += size
		default:
			return start, end
		}
	}
	return start, end
}

// english reports whether lang is one of Kokoro's English languages.
func english(lang Lang) bool {
	return lang == AmericanEnglish || lang == BritishEnglish
}

// cutPossessive returns word without a final "'s" or "’s", and whether it
// had one.
func cutPossessive(word string) (string, bool) {
	for _, suffix := range []string{"'s", "’s", "'S", "’S"} {
		if stem, ok := strings.CutSuffix(word, suffix); ok && stem != "" {
			return stem, true
		}
	}
	return word, false
}

// withPossessive returns the phonemes of an override that ends at byte i
// of seg and the end of the text they cover: when English text goes on
// with "'s" and no further letter ("Kokoro's"), the "'s" is spoken as
// the ending of the override, not read by espeak-ng as the letter "s".
func withPossessive(phonemes, seg string, i int, lang Lang) (string, int) {
	if !english(lang) {
		return phonemes, i
	}
	r, size := utf8.DecodeRuneInString(seg[i:])
	if !isApostrophe(r) || i+size >= len(seg) || seg[i+size]|0x20 != 's' {
		return phonemes, i
	}
	end := i + size + 1
	if next, _ := utf8.DecodeRuneInString(seg[end:]); isWordRune(next) {
		return phonemes, i
	}
	return appendS(phonemes, lang), end
}

// appendS returns phonemes with the English ending "-s" or "-'s": "ɪz"
// (American "ᵻz") after a sibilant, "s" after another voiceless
// consonant and "z" after anything else, as misaki forms it.
func appendS(phonemes string, lang Lang) string {
	last, _ := utf8.DecodeLastRuneInString(phonemes)
	switch {
	case phonemes == "":
		return phonemes
	case strings.ContainsRune("szʃʒʧʤ", last) && lang == BritishEnglish:
		return phonemes + "ɪz"
	case strings.ContainsRune("szʃʒʧʤ", last):
		return phonemes + "ᵻz"
	case strings.ContainsRune("ptkfθ", last):
		return phonemes + "s"
	}
	return phonemes + "z"
}

// readRuns returns the phonemes of a segment's runs, in order: the given
// phonemes of given runs and espeak-ng's reading, before the rewrite
// rules, of plain runs.
//
// Read alone, a run without a stressed word, such as "the" in "the
// [Kokoro](/kˈOkəɹO/) model", would get the primary stress that espeak-ng
// gives a clause with none. So where the language has a stand-in word,
// the runs are read in one call with the stand-in in place of each given
// run, and the reading is cut at the stand-in's phonemes. When the
// reading does not have the stand-in's phonemes once for each given run,
// each plain run is read alone.
func readRuns(runs []run, lang Lang) ([]string, error) {
	if len(runs) == 1 && !runs[0].given {
		ipa, err := espeakRead(runs[0].text, lang)
		return []string{ipa}, err
	}

	out := make([]string, len(runs))
	hasPlain := false
	for i, r := range runs {
		out[i] = r.phonemes
		hasPlain = hasPlain || !r.given && jsTrim(r.text) != ""
	}
	if !hasPlain {
		return out, nil
	}
	if standIn, ok := standInFor(lang); ok {
		var b strings.Builder
		for _, r := range runs {
			if r.given {
				b.WriteString(" " + standIn.word + " ")
			} else {
				b.WriteString(r.text)
			}
		}
		ipa, err := espeakRead(b.String(), lang)
		if err != nil {
			return nil, err
		}
		if parts, ok := cutAtStandIn(ipa, standIn.phonemes, runs); ok {
			for i, r := range runs {
				if !r.given {
					out[i] = parts[i]
				}
			}
			return out, nil
		}
	}
	for i, r := range runs {
		if r.given {
			continue
		}
		ipa, err := espeakRead(r.text, lang)
		if err != nil {
			return nil, err
		}
		out[i] = ipa
	}
	return out, nil
}

// cutAtStandIn cuts ipa, espeak-ng's reading of runs with a stand-in word
// for each given run, at the space-separated words equal to standIn. It
// returns the reading of each plain run at its index, and false when the
// stand-in does not occur exactly once for each given run.
func cutAtStandIn(ipa, standIn string, runs []run) ([]string, bool) {
	var (
		groups [][]string // the words between stand-ins
		words  []string
	)
	for _, w := range strings.Fields(ipa) {
		if w == standIn {
			groups = append(groups, words)
			words = nil
			continue
		}
		words = append(words, w)
	}
	groups = append(groups, words)

	var given int
	for _, r := range runs {
		if r.given {
			given++
		}
	}
	if len(groups) != given+1 {
		return nil, false
	}

	parts := make([]string, len(runs))
	g := 0
	for i, r := range runs {
		if r.given {
			g++
			continue
		}
		parts[i] = strings.Join(groups[g], " ")
	}
	return parts, true
}

// espeakRead returns espeak-ng's IPA for text in normal form C, with a
// space between letters of different scripts and no combining mark
// without a letter to carry it.
func espeakRead(text string, lang Lang) (string, error) {
	return espeak.Phonemize(splitScripts(dropOrphanMarks(norm.NFC.String(text))), string(lang))
}

// A standIn is a word that espeak-ng reads as one stressed word in a
// language, whatever the words around it.
type standIn struct {
	word     string
	phonemes string // espeak-ng's reading of word alone
}

// standInWords are the stand-in words by language. Each reads as one word
// with a primary stress, the same alone as between the words of a
// sentence, in espeak-ng 1.51. Japanese has none, because espeak-ng
// reads a run of kana and kanji as one word without spaces. Mandarin
// needs none, because espeak-ng adds no stress to a clause in a tone
// language.
var standInWords = map[Lang]string{
	AmericanEnglish:     "zork",
	BritishEnglish:      "zork",
	Spanish:             "papa",
	French:              "papa",
	Italian:             "papa",
	BrazilianPortuguese: "papa",
	Hindi:               "बाबा",
}

// standIns caches the stand-in of each language, or the lack of one, as
// a standIn value or nil.
var standIns sync.Map

// standInFor returns the stand-in word of lang and its phonemes, and
// false when lang has none or espeak-ng does not read it as one stressed
// word.
func standInFor(lang Lang) (standIn, bool) {
	if v, ok := standIns.Load(lang); ok {
		s, ok := v.(standIn)
		return s, ok
	}
	word, ok := standInWords[lang]
	if !ok {
		standIns.Store(lang, nil)
		return standIn{}, false
	}
	ipa, err := espeakRead(word, lang)
	if err != nil || strings.ContainsAny(ipa, " \t\n") || !strings.ContainsRune(ipa, 'ˈ') {
		standIns.Store(lang, nil)
		return standIn{}, false
	}
	s := standIn{word: word, phonemes: ipa}
	standIns.Store(lang, s)
	return s, true
}
