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
)

// ErrNotAvailable is returned by every call in a build without cgo, where
// espeak-ng cannot be linked.
var ErrNotAvailable = errors.New("espeak: espeak-ng is not available in this build; rebuild with CGO_ENABLED=1 and libespeak-ng-dev installed")

// sanitize makes text safe to hand to C: invalid UTF-8 sequences and NUL
// bytes (which would end the C string early) become spaces.
func sanitize(text string) string {
	text = strings.ToValidUTF8(text, " ")
	return strings.ReplaceAll(text, "\x00", " ")
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
