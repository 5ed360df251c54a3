// Package kokoro runs the Kokoro-82M text-to-speech model in-process: text
// to phoneme chunks through espeak-ng, chunks to audio through ONNX
// Runtime, with streaming by chunk and an in-memory audio cache.
//
// An Engine holds one session per loaded model variant and the voice packs.
// It is safe for concurrent use.
//
//	e, err := kokoro.New(kokoro.Options{ORTLibrary: lib, Voices: dir})
//	_, err = e.Load("model", "model.onnx")
//	res, err := e.Synthesize(ctx, kokoro.Request{Text: "Hello world", Voice: "af_heart", Variant: "model"})
package kokoro

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ttsbench/ttsbench/g2p"
	"github.com/ttsbench/ttsbench/internal/ort"
	"github.com/ttsbench/ttsbench/voicepack"
)

// SampleRate is Kokoro's output rate in Hz.
const SampleRate = 24000

// MaxIDs is the most phoneme ids one model call takes, pads excluded.
const MaxIDs = 510

// Speed limits accepted by Request.Speed.
const (
	MinSpeed = 0.25
	MaxSpeed = 4.0
)

// Errors the engine returns; match them with errors.Is.
var (
	ErrNonFinite    = errors.New("model returned non-finite samples")
	ErrSilent       = errors.New("model returned silence")
	ErrNotLoaded    = errors.New("model variant not loaded")
	ErrEmptyText    = errors.New("nothing to speak")
	ErrInvalidSpeed = errors.New("invalid speed")
)

// Options configures an Engine. The zero value of each field selects the
// default named in its comment.
type Options struct {
	// ORTLibrary is the path of libonnxruntime.so.1; "" searches as
	// ort.FindLibrary does.
	ORTLibrary string
	// Voices is a folder of .bin voice packs or a voices-v1.0.bin archive.
	Voices string
	// Threads is ORT's intra-op thread count; 0 means the machine's cores.
	Threads int
	// Spinning lets ORT's idle threads busy-wait; off by default so that
	// CPU figures count synthesis work only.
	Spinning bool
	// CacheBytes is the audio cache budget in bytes; 0 means
	// DefaultCacheBytes and a negative value disables the cache.
	CacheBytes int64
	// FirstChunkMaxIDs caps the first chunk's phoneme ids so the first
	// audio arrives early on long input; 0 means g2p's default and a
	// negative value turns the cap off.
	FirstChunkMaxIDs int
	// Dictionary gives the phonemes of words that espeak-ng would misread
	// (see g2p.LoadDictionary); nil means none.
	Dictionary *g2p.Dictionary
}

// Engine synthesizes speech with one or more loaded model variants.
type Engine struct {
	opts   Options
	voices *voicepack.Set
	g2p    *g2p.Phonemizer
	cache  *audioCache

	mu       sync.RWMutex
	sessions map[string]*ort.Session
}

// New initializes ONNX Runtime and opens the voice packs. It loads no model
// variant; call Load for each.
func New(opts Options) (*Engine, error) {
	lib, err := ort.FindLibrary(opts.ORTLibrary)
	if err != nil {
		return nil, err
	}
	if err := ort.Init(lib); err != nil {
		return nil, err
	}
	if opts.Voices == "" {
		return nil, errors.New("kokoro: no voice packs given; pass a folder of .bin files or a voices-v1.0.bin archive")
	}
	voices, err := voicepack.Open(opts.Voices)
	if err != nil {
		return nil, err
	}
	if opts.Threads <= 0 {
		opts.Threads = runtime.NumCPU()
	}
	ph, err := g2p.New(g2p.Options{FirstChunkMaxIDs: opts.FirstChunkMaxIDs, Dictionary: opts.Dictionary})
	if err != nil {
		return nil, fmt.Errorf("kokoro: %w", err)
	}
	e := &Engine{
		opts:     opts,
		voices:   voices,
		g2p:      ph,
		sessions: map[string]*ort.Session{},
	}
	switch {
	case opts.CacheBytes == 0:
		e.cache = newAudioCache(DefaultCacheBytes)
	case opts.CacheBytes > 0:
		e.cache = newAudioCache(opts.CacheBytes)
	}
	return e, nil
}

// Threads returns the intra-op thread count sessions use.
func (e *Engine) Threads() int { return e.opts.Threads }

// Voices returns the voice pack set.
func (e *Engine) Voices() *voicepack.Set { return e.voices }

// Load opens the model file at path as the named variant and returns how
// long ORT took to create the session. Loading a name twice replaces the
// earlier session.
func (e *Engine) Load(name, path string) (time.Duration, error) {
	start := time.Now()
	s, err := ort.Open(path, ort.Options{IntraOpThreads: e.opts.Threads, Spinning: e.opts.Spinning})
	if err != nil {
		return 0, fmt.Errorf("kokoro: load variant %q: %w", name, err)
	}
	took := time.Since(start)

	e.mu.Lock()
	old := e.sessions[name]
	e.sessions[name] = s
	e.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	return took, nil
}

// Loaded returns the names of the loaded variants, sorted.
func (e *Engine) Loaded() []string {
	e.mu.RLock()
	defer e.mu.RUnlock()
	names := make([]string, 0, len(e.sessions))
	for n := range e.sessions {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// Close releases every session.
func (e *Engine) Close() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	var errs []error
	for n, s := range e.sessions {
		errs = append(errs, s.Close())
		delete(e.sessions, n)
	}
	return errors.Join(errs...)
}

// session returns the named variant's session; "" names the only loaded
// variant when exactly one is loaded.
func (e *Engine) session(name string) (string, *ort.Session, error) {
	e.mu.RLock()
	defer e.mu.RUnlock()
	if s, ok := e.sessions[name]; ok {
		return name, s, nil
	}
	if len(e.sessions) == 1 && name == "" {
		for n, s := range e.sessions {
			return n, s, nil
		}
	}
	loaded := make([]string, 0, len(e.sessions))
	for n := range e.sessions {
		loaded = append(loaded, n)
	}
	slices.Sort(loaded)
	return "", nil, fmt.Errorf("kokoro: %w: %q (loaded: %s)", ErrNotLoaded, name, strings.Join(loaded, ", "))
}

// CacheStats returns the audio cache's occupancy.
func (e *Engine) CacheStats() CacheStats { return e.cache.stats() }

// checkAudio clamps samples to [-1, 1] in place and rejects output that is
// not audio: any NaN or infinity, or all samples at zero.
func checkAudio(samples []float32) error {
	var bad int
	var peak float32
	for i, s := range samples {
		f := float64(s)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			bad++
			continue
		}
		if s > 1 {
			samples[i] = 1
		} else if s < -1 {
			samples[i] = -1
		}
		if a := float32(math.Abs(f)); a > peak {
			peak = a
		}
	}
	if bad > 0 {
		return fmt.Errorf("%w: %d of %d samples", ErrNonFinite, bad, len(samples))
	}
	if len(samples) > 0 && peak == 0 {
		return fmt.Errorf("%w: all %d samples are zero", ErrSilent, len(samples))
	}
	return nil
}
