//go:build !cgo

package espeak

// Phonemize returns ErrNotAvailable: this build has no cgo, so espeak-ng is
// not linked.
func Phonemize(text, voice string) (string, error) {
	return "", ErrNotAvailable
}

// Version returns "" because this build has no cgo, so espeak-ng is not
// linked.
func Version() string {
	return ""
}
