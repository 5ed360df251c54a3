// Package normalize rewrites text into the words a text-to-speech voice
// should say before grapheme-to-phoneme conversion: numbers, times, money,
// abbreviations and typography become plain words and ASCII punctuation.
//
// Text is the entry point the speech pipeline uses. KokoroJS reproduces the
// normalize_text step of kokoro-js 1.2.1 exactly, so that phonemes can be
// compared with that implementation on identical input.
//
// The package is pure Go, keeps no state between calls and is safe for
// concurrent use. It never returns an error: input it cannot read, such as
// invalid UTF-8, is repaired or dropped.
package normalize
