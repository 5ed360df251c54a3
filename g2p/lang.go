package g2p

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// A Lang is the espeak-ng voice that reads the text of a Kokoro voice, such
// as "en-us" for af_heart.
type Lang string

// The languages of Kokoro-82M v1.0, by the first letter of the voice name.
const (
	AmericanEnglish     Lang = "en-us" // a: af_heart, am_adam, ...
	BritishEnglish      Lang = "en"    // b: bf_emma, bm_george, ...
	Spanish             Lang = "es"    // e
	French              Lang = "fr-fr" // f
	Hindi               Lang = "hi"    // h
	Italian             Lang = "it"    // i
	BrazilianPortuguese Lang = "pt-br" // p
	Japanese            Lang = "ja"    // j
	// Mandarin uses the pinyin variant of espeak-ng's Mandarin voice: the
	// plain "cmn" voice of espeak-ng 1.51 reads the tone number of each
	// character as an English word ("你好" as "ni three hao three").
	Mandarin Lang = "cmn-latn-pinyin" // z
)

// langByPrefix maps the first letter of a voice name to its language.
var langByPrefix = map[byte]Lang{
	'a': AmericanEnglish,
	'b': BritishEnglish,
	'e': Spanish,
	'f': French,
	'h': Hindi,
	'i': Italian,
	'p': BrazilianPortuguese,
	'j': Japanese,
	'z': Mandarin,
}

// knownPrefixes lists the keys of langByPrefix for error messages.
const knownPrefixes = "a (en-us), b (en), e (es), f (fr-fr), h (hi), i (it), p (pt-br), j (ja), z (cmn-latn-pinyin)"

// LangForVoice returns the language of a Kokoro voice from the first letter
// of its name, as Kokoro names them: "af_heart" is American English,
// "bf_emma" British English. The rest of the name is not checked. For a
// blend of voices ("af_bella.6+af_sky.4") the first voice decides.
//
// NOTE: Kokoro was trained on phonemes from misaki, whose Japanese and
// Mandarin front ends are not espeak-ng, so the phonemes for j and z voices
// only approximate what those voices were trained on. espeak-ng 1.51 reads
// a kanji as "Chinese letter", and its Mandarin tone numbers are not in the
// vocabulary.
func LangForVoice(voice string) (Lang, error) {
	name := strings.TrimSpace(voice)
	if name == "" {
		return "", fmt.Errorf("g2p: empty voice name; pass a Kokoro voice such as \"af_heart\"")
	}
	lang, ok := langByPrefix[name[0]]
	if !ok {
		prefix, _ := utf8.DecodeRuneInString(name)
		return "", fmt.Errorf("g2p: unknown language prefix %q in voice %q; the first letter of a Kokoro voice must be one of %s", prefix, voice, knownPrefixes)
	}
	return lang, nil
}
