// Package normalize rewrites text into the form a text-to-speech voice
// should read before grapheme-to-phoneme conversion with espeak-ng.
//
// Text is the entry point the speech pipeline uses. For English voices it
// reads as kokoro-js 1.2.1 does whatever kokoro-js and espeak-ng read well,
// leaving numbers as digits in kokoro-js's form, and rewrites as words
// what they misread: dates, some times and amounts of money, units,
// abbreviations, Roman numerals, fractions, versions, initialisms, URLs
// and phone numbers. KokoroJS reproduces the normalize_text step of
// kokoro-js 1.2.1 exactly, so that phonemes can be compared with that
// implementation on identical input.
//
// The package is pure Go, keeps no state between calls and is safe for
// concurrent use. It never returns an error: input it cannot read, such as
// invalid UTF-8, is repaired or dropped.
package normalize
