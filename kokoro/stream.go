package kokoro

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ttsbench/ttsbench/g2p"
)

// Request is one utterance to synthesize.
type Request struct {
	Text    string
	Voice   string    // a voice name such as "af_heart", or a blend such as "af_bella.6+af_sky.4"
	Variant string    // a loaded variant; "" picks the only one when exactly one is loaded
	Speed   float32   // 1 is normal speed; 0 means 1
	Cache   CacheMode // CacheDefault looks up and stores
}

// Chunk is one piece of a request's audio together with what produced it.
type Chunk struct {
	Index    int
	Text     string  // the text the chunk speaks
	Phonemes string  // espeak-ng IPA after post-processing
	IDs      []int64 // phoneme ids without the pads
	Dropped  int     // phoneme symbols outside Kokoro's vocabulary, dropped
	Audio    []float32

	// Inference is the ORT Run time of this chunk; zero for cache hits.
	Inference time.Duration
	// Ready is the time from the start of the request until the chunk's
	// audio was ready, just before it was handed to the caller.
	Ready time.Duration
}

// Duration returns the length of the chunk's audio.
func (c Chunk) Duration() time.Duration {
	return time.Duration(len(c.Audio)) * time.Second / SampleRate
}

// Summary describes a finished request.
type Summary struct {
	Cache      CacheStatus
	NumChunks  int           // chunks synthesized or replayed
	Tokens     int           // phoneme ids over all chunks, pads excluded
	Dropped    int           // phoneme symbols dropped over all chunks
	Samples    int           // audio samples over all chunks
	Phonemize  time.Duration // text to ids; zero for cache hits
	Inference  time.Duration // sum of the chunks' ORT Run times
	FirstAudio time.Duration // time to the first chunk's audio
	Total      time.Duration // time to the last chunk's audio
}

// AudioDuration returns the length of the request's audio.
func (s Summary) AudioDuration() time.Duration {
	return time.Duration(s.Samples) * time.Second / SampleRate
}

// Result is a finished request with its whole audio.
type Result struct {
	Summary
	Audio  []float32 // 24 kHz mono, clamped to [-1, 1]
	Chunks []Chunk   // per-chunk detail; their Audio slices share Audio's values
}

// Stream synthesizes req chunk by chunk and calls fn with each chunk as
// soon as its audio is ready, in order. fn runs on the calling goroutine;
// if it returns an error, Stream stops and returns that error. The chunk's
// Audio must not be modified: it may be shared with the cache.
//
// The first chunk is kept short (see Options.FirstChunkMaxIDs) so time to
// first audio stays low on long input. Cancelling ctx stops the request,
// terminating a model run in progress.
func (e *Engine) Stream(ctx context.Context, req Request, fn func(Chunk) error) (Summary, error) {
	start := time.Now()
	var sum Summary

	speed := req.Speed
	if speed == 0 {
		speed = 1
	}
	if !(speed >= MinSpeed && speed <= MaxSpeed) {
		return sum, fmt.Errorf("kokoro: %w %v: use a value from %v to %v (1 is normal speed)", ErrInvalidSpeed, req.Speed, MinSpeed, MaxSpeed)
	}
	if strings.TrimSpace(req.Text) == "" {
		return sum, fmt.Errorf("kokoro: %w: the text is empty", ErrEmptyText)
	}
	if err := checkText(req.Text); err != nil {
		return sum, err
	}
	variant, sess, err := e.session(req.Variant)
	if err != nil {
		return sum, err
	}
	voice, err := e.resolveVoice(req.Voice)
	if err != nil {
		return sum, err
	}
	if _, err := g2p.LangForVoice(req.Voice); err != nil {
		return sum, err
	}

	key := cacheKey{variant: variant, voice: req.Voice, speed: speed, text: cacheText(req.Text)}
	sum.Cache = CacheBypass
	if req.Cache != CacheOff && e.cache != nil {
		sum.Cache = CacheMiss
		if chunks, ok := e.cache.get(key); ok {
			sum.Cache = CacheHit
			return e.replay(start, chunks, sum, fn)
		}
	}

	pieces, err := e.g2p.Chunks(ctx, req.Text, req.Voice)
	if err != nil {
		return sum, err
	}
	sum.Phonemize = time.Since(start)
	if len(pieces) == 0 {
		return sum, fmt.Errorf("kokoro: %w: %q has no speakable words", ErrEmptyText, truncate(req.Text, 60))
	}

	var kept []Chunk
	for i, p := range pieces {
		if err := ctx.Err(); err != nil {
			return sum, err
		}
		if len(p.IDs) == 0 {
			continue
		}
		style := voice.Style(len(p.IDs))
		runStart := time.Now()
		audio, err := sess.Run(ctx, g2p.Pad(p.IDs), style, speed)
		if err != nil {
			return sum, fmt.Errorf("kokoro: chunk %d (%d ids): %w", i, len(p.IDs), err)
		}
		ch := Chunk{
			Index:     len(kept),
			Text:      p.Text,
			Phonemes:  p.Phonemes,
			IDs:       p.IDs,
			Dropped:   p.Dropped,
			Audio:     audio,
			Inference: time.Since(runStart),
		}
		if err := checkAudio(ch.Audio); err != nil {
			return sum, fmt.Errorf("kokoro: variant %q, voice %q, chunk %d %q: %w", variant, req.Voice, i, truncate(p.Text, 40), err)
		}
		ch.Ready = time.Since(start)
		sum.add(ch)
		if err := fn(ch); err != nil {
			return sum, err
		}
		kept = append(kept, ch)
	}
	if len(kept) == 0 {
		return sum, fmt.Errorf("kokoro: %w: %q gave no phonemes Kokoro knows", ErrEmptyText, truncate(req.Text, 60))
	}
	if req.Cache == CacheDefault && e.cache != nil {
		e.cache.put(key, kept)
	}
	return sum, nil
}

func (s *Summary) add(ch Chunk) {
	if s.NumChunks == 0 {
		s.FirstAudio = ch.Ready
	}
	s.NumChunks++
	s.Tokens += len(ch.IDs)
	s.Dropped += ch.Dropped
	s.Samples += len(ch.Audio)
	s.Inference += ch.Inference
	s.Total = ch.Ready
}

// replay hands cached chunks to fn with fresh timings.
func (e *Engine) replay(start time.Time, chunks []Chunk, sum Summary, fn func(Chunk) error) (Summary, error) {
	for _, c := range chunks {
		c.Inference = 0
		c.Ready = time.Since(start)
		sum.add(c)
		if err := fn(c); err != nil {
			return sum, err
		}
	}
	return sum, nil
}

// Synthesize runs req to the end and returns all its audio.
func (e *Engine) Synthesize(ctx context.Context, req Request) (*Result, error) {
	res := &Result{}
	sum, err := e.Stream(ctx, req, func(c Chunk) error {
		res.Chunks = append(res.Chunks, c)
		return nil
	})
	res.Summary = sum
	if err != nil {
		return nil, err
	}
	res.Audio = make([]float32, 0, sum.Samples)
	for i := range res.Chunks {
		n := len(res.Audio)
		res.Audio = append(res.Audio, res.Chunks[i].Audio...)
		res.Chunks[i].Audio = res.Audio[n:len(res.Audio):len(res.Audio)]
	}
	return res, nil
}

// Prewarm synthesizes each phrase with the given variant, voice and speed
// and stores the real audio in the cache, so later requests for them are
// cache hits. It fails when the cache is disabled.
func (e *Engine) Prewarm(ctx context.Context, variant, voice string, speed float32, phrases []string) error {
	if e.cache == nil {
		return fmt.Errorf("kokoro: cannot pre-warm %d phrases: the audio cache is disabled", len(phrases))
	}
	for _, p := range phrases {
		req := Request{Text: p, Voice: voice, Variant: variant, Speed: speed, Cache: CacheDefault}
		if _, err := e.Stream(ctx, req, func(Chunk) error { return nil }); err != nil {
			return fmt.Errorf("kokoro: pre-warm %q: %w", p, err)
		}
		if speed == 0 {
			speed = 1
		}
		if _, ok := e.cache.get(cacheKey{variant: variant, voice: voice, speed: speed, text: cacheText(p)}); !ok {
			return fmt.Errorf("kokoro: pre-warm %q: the audio does not fit the cache budget of %d bytes", p, e.cache.budget)
		}
	}
	return nil
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
