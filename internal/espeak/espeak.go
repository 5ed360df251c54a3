// Package espeak converts text to IPA phonemes with the espeak-ng library.
//
// It is the only place in ttsbench that calls espeak-ng. espeak-ng keeps its
// state in globals and is not safe for concurrent use, so every call into it
// holds one package-level mutex: the functions here are safe to call from
// many goroutines, but calls run one at a time. The package leaves out
// synthesis, SSML and espeak's own phoneme alphabet.
//
// Builds without cgo keep the same API and return ErrNotAvailable.
package espeak

import (
	"errors"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ErrNotAvailable is returned by every call in a build without cgo, where
// espeak-ng cannot be linked.
var ErrNotAvailable = errors.New("espeak: espeak-ng is not available in this build; rebuild with CGO_ENABLED=1 and libespeak-ng-dev installed")

// sanitize makes text safe to hand to espeak-ng: invalid UTF-8 sequences,
// NUL bytes (which would end the C string early) and the other C0 control
// characters become spaces. espeak-ng reads U+0001 as the start of an
// embedded command, so "\x01A" would otherwise say nothing.
func sanitize(text string) string {
	text = strings.ToValidUTF8(text, " ")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
			return ' '
		}
		return r
	}, text)
}

// langSwitch matches the markers espeak-ng writes around words it reads in
// another language, such as "(en)həlˈəʊ(hi)" from the Hindi voice. espeak-ng
// drops parentheses from the input text, so any left in its output are
// markers.
var langSwitch = regexp.MustCompile(`\([a-z]{2,3}(?:-[a-z0-9]+)*\)`)

// stripLangSwitch removes language switch markers from one clause.
func stripLangSwitch(clause string) string {
	if !strings.Contains(clause, "(") {
		return clause
	}
	return langSwitch.ReplaceAllString(clause, "")
}

// vowels are the IPA letters that begin a syllable nucleus in espeak-ng's
// output, long or short, alone or as the first letter of a diphthong.
const vowels = "aeiouyæɑɐɒɔəɚɛɜɝɪʊʌᵻøœɯɨʉɤɵɘɞɶ"

// promoteStress gives a primary stress to one syllable of a clause that has
// none, as espeak-ng does when it speaks (and prints phonemes with --ipa)
// but espeak_TextToPhonemes does not: the intonation pass of espeak-ng 1.51
// turns the syllable of highest stress, the last one among equals, into
// the primary stress of the clause. The IPA shows secondary stress ("ˌ")
// but not the lower levels, so the last secondary stress is promoted, and
// in a clause with no mark at all the last vowel is.
//
// NOTE: espeak-ng tells apart two levels of unstressed syllables that its
// IPA does not show, so for an unmarked clause of several syllables the
// choice can differ from espeak-ng's (it agreed on every English clause
// tried, and on all but 3 of 800 French ones).
func promoteStress(clause string) string {
	if strings.ContainsRune(clause, 'ˈ') {
		return clause
	}
	if i := strings.LastIndex(clause, "ˌ"); i >= 0 {
		return clause[:i] + "ˈ" + clause[i+len("ˌ"):]
	}

	// Find the start of the last run of vowel letters.
	pos := -1
	for i, r := range clause {
		if !strings.ContainsRune(vowels, r) {
			continue
		}
		if prev, size := utf8.DecodeLastRuneInString(clause[:i]); size == 0 || !strings.ContainsRune(vowels, prev) {
			pos = i
		}
	}
	if pos < 0 {
		return clause
	}
	return clause[:pos] + "ˈ" + clause[pos:]
}

// toneLanguage reports whether espeak-ng voice uses espeak-ng's intonation
// for tone languages, which does not promote stress.
func toneLanguage(voice string) bool {
	for _, prefix := range []string{"cmn", "yue", "hak", "vi", "zh"} {
		if voice == prefix || strings.HasPrefix(voice, prefix+"-") {
			return true
		}
	}
	return false
}
