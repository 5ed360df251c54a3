//go:build !cgo

package espeak

import (
	"errors"
	"testing"
)

func TestPhonemizeNotAvailable(t *testing.T) {
	if _, err := Phonemize("hello", "en-us"); !errors.Is(err, ErrNotAvailable) {
		t.Errorf("Phonemize error = %v, want ErrNotAvailable", err)
	}
	if v := Version(); v != "" {
		t.Errorf("Version() = %q, want \"\"", v)
	}
}
