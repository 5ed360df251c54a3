package kokoro

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/ttsbench/ttsbench/voicepack"
)

// MaxTextRunes is the longest text one request takes, in characters: about
// twenty minutes of speech. Longer text is rejected rather than queued, so
// a single request cannot hold a session for an unbounded time.
const MaxTextRunes = 20000

// ErrTextTooLong is returned for a request over MaxTextRunes characters.
var ErrTextTooLong = errors.New("text too long")

func checkText(text string) error {
	if n := utf8.RuneCountInString(text); n > MaxTextRunes {
		return fmt.Errorf("kokoro: %w: %d characters, the limit is %d; split it into several requests", ErrTextTooLong, n, MaxTextRunes)
	}
	return nil
}

// resolveVoice returns the pack for a voice name or a blend expression such
// as "af_bella.6+af_sky.4".
func (e *Engine) resolveVoice(spec string) (*voicepack.Pack, error) {
	if !voicepack.IsBlend(spec) {
		return e.voices.Get(spec)
	}
	b, err := voicepack.ParseBlend(spec)
	if err != nil {
		return nil, err
	}
	return e.voices.Blend(b)
}
