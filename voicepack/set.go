package voicepack

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
)

const (
	binExt = ".bin"
	npyExt = ".npy"
)

// zipMagic starts every ZIP archive that has at least one entry.
var zipMagic = []byte("PK\x03\x04")

// ErrUnknownVoice is wrapped by the errors that Get, Blend and Match return for
// a voice name that is not in the set.
var ErrUnknownVoice = errors.New("unknown voice")

// An UnknownVoiceError reports a voice name that is not in a set, with the
// closest names it has.
type UnknownVoiceError struct {
	// Voice is the name that was requested.
	Voice string
	// Source is the path the set was opened from.
	Source string
	// Count is the number of voices in the set.
	Count int
	// Suggestions are up to three names of the set close to Voice, closest
	// first. It is empty when no name is close.
	Suggestions []string
}

func (e *UnknownVoiceError) Error() string {
	msg := fmt.Sprintf("voicepack: voice %q not found in %s (%d voices)", e.Voice, e.Source, e.Count)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, ", ") + "?"
	}
	return msg + "; list the voices to see every name"
}

// Unwrap returns ErrUnknownVoice.
func (e *UnknownVoiceError) Unwrap() error { return ErrUnknownVoice }

// A Set is a collection of voice packs opened from a folder, a .bin file or a
// voices-v1.0.bin archive. Packs are read on first use and kept in memory.
// A Set is safe for concurrent use. Close releases the archive, if any.
type Set struct {
	source string
	names  []string // sorted

	// load reads one pack by name. Get calls it with mu held and caches
	// each pack it returns.
	load    func(name string) (*Pack, error)
	closeFn func() error

	mu    sync.Mutex
	packs map[string]*Pack // loaded packs and blends, by name
}

// Open opens the voice packs at path, which may be a folder of NAME.bin files
// (other files are ignored), a single raw NAME.bin file, or a ZIP of NAME.npy
// entries such as kokoro-onnx's voices-v1.0.bin. Files are recognized by
// content, not by extension. Pack sizes are checked here and pack contents on
// first use.
func Open(path string) (*Set, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("voicepack: open voices: %w", err)
	}
	if info.IsDir() {
		return openDir(path)
	}

	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("voicepack: open voices: %w", err)
	}
	magic := make([]byte, len(zipMagic))
	_, err = io.ReadFull(f, magic)
	f.Close()
	if err == nil && bytes.Equal(magic, zipMagic) {
		return openZip(path)
	}
	return openBin(path)
}

func newSet(source string, names []string, load func(string) (*Pack, error)) *Set {
	sort.Strings(names)
	return &Set{source: source, names: names, load: load, packs: map[string]*Pack{}}
}

func openDir(dir string) (*Set, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("voicepack: open voices: %w", err)
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), binExt) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		info, err := os.Stat(p) // follows symbolic links, unlike e.Info
		if err != nil {
			return nil, fmt.Errorf("voicepack: open voices: %w", err)
		}
		if info.Size() != BinSizeBytes {
			return nil, fmt.Errorf("voicepack: %w %s: size %d bytes, expected %d (%d × %d little-endian float32); "+
				"to read a ZIP of .npy voices, open the archive file itself",
				ErrInvalidPack, p, info.Size(), BinSizeBytes, Rows, Dim)
		}
		names = append(names, strings.TrimSuffix(e.Name(), binExt))
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("voicepack: no %s voice packs in folder %s", binExt, dir)
	}
	return newSet(dir, names, func(name string) (*Pack, error) {
		return ReadBinFile(filepath.Join(dir, name+binExt))
	}), nil
}

func openBin(file string) (*Set, error) {
	p, err := ReadBinFile(file)
	if err != nil {
		return nil, err
	}
	s := newSet(file, []string{p.Name}, nil)
	s.packs[p.Name] = p
	return s, nil
}

func openZip(file string) (*Set, error) {
	zr, err := zip.OpenReader(file)
	if err != nil {
		return nil, fmt.Errorf("voicepack: open voice archive: %w", err)
	}
	entries := map[string]*zip.File{}
	var names []string
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || path.Ext(f.Name) != npyExt {
			continue
		}
		name := strings.TrimSuffix(path.Base(f.Name), npyExt)
		if _, dup := entries[name]; dup {
			zr.Close()
			return nil, fmt.Errorf("voicepack: %w archive %s: voice %q appears twice", ErrInvalidPack, file, name)
		}
		entries[name] = f
		names = append(names, name)
	}
	if len(names) == 0 {
		zr.Close()
		return nil, fmt.Errorf("voicepack: %s: no %s entries in the archive, expected NAME%s voice arrays", file, npyExt, npyExt)
	}

	s := newSet(file, names, func(name string) (*Pack, error) {
		f := entries[name]
		source := file + ":" + f.Name
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("voicepack: open %s: %w", source, err)
		}
		defer rc.Close()
		rows, err := readNPYPack(rc, source)
		if err != nil {
			return nil, err
		}
		return &Pack{Name: name, rows: rows}, nil
	})
	s.closeFn = zr.Close
	return s, nil
}

// Source returns the path the set was opened from.
func (s *Set) Source() string { return s.source }

// Names returns the sorted voice names of the set. Blends are not included.
func (s *Set) Names() []string { return slices.Clone(s.names) }

// Has reports whether the set contains a voice named name.
func (s *Set) Has(name string) bool {
	_, found := slices.BinarySearch(s.names, name)
	return found
}

// Get returns the pack named name. A name in blend syntax (see ParseBlend)
// returns the mixed pack, named after the blend's canonical form. An unknown
// name returns an *UnknownVoiceError.
func (s *Set) Get(name string) (*Pack, error) {
	if IsBlend(name) {
		b, err := ParseBlend(name)
		if err != nil {
			return nil, err
		}
		return s.Blend(b)
	}
	if !s.Has(name) {
		return nil, s.unknown(name)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.packs[name]; ok {
		return p, nil
	}
	p, err := s.load(name)
	if err != nil {
		return nil, err
	}
	s.packs[name] = p
	return p, nil
}

// Blend returns the weighted average of the blend's voices, named b.String().
func (s *Set) Blend(b Blend) (*Pack, error) {
	if len(b) == 0 {
		return nil, errors.New("voicepack: empty blend, expected at least one voice")
	}
	name := b.String()
	s.mu.Lock()
	p, ok := s.packs[name]
	s.mu.Unlock()
	if ok {
		return p, nil
	}

	packs := make([]*Pack, len(b))
	weights := make([]float64, len(b))
	for i, t := range b {
		if IsBlend(t.Voice) {
			return nil, fmt.Errorf("voicepack: blend term %q is not a plain voice name", t.Voice)
		}
		var err error
		if packs[i], err = s.Get(t.Voice); err != nil {
			return nil, err
		}
		weights[i] = t.Weight
	}
	p, err := Mix(name, packs, weights)
	if err != nil {
		return nil, err
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if cached, ok := s.packs[name]; ok {
		return cached, nil
	}
	s.packs[name] = p
	return p, nil
}

// Match expands shell-style patterns (see path.Match), such as "af_*" or
// "?m_*", into voice names. Each pattern's matches are sorted, patterns keep
// their order, and a name is listed once. A blend expression is checked and
// kept as written. A pattern that matches nothing is an error, and so is a
// plain name that is not in the set (an *UnknownVoiceError).
func (s *Set) Match(patterns []string) ([]string, error) {
	var (
		out  []string
		seen = map[string]bool{}
	)
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, name)
		}
	}

	for _, pattern := range patterns {
		switch {
		case IsBlend(pattern):
			b, err := ParseBlend(pattern)
			if err != nil {
				return nil, err
			}
			for _, t := range b {
				if !s.Has(t.Voice) {
					return nil, s.unknown(t.Voice)
				}
			}
			add(pattern)
		case !strings.ContainsAny(pattern, `*?[\`):
			if !s.Has(pattern) {
				return nil, s.unknown(pattern)
			}
			add(pattern)
		default:
			if _, err := path.Match(pattern, ""); err != nil {
				return nil, fmt.Errorf("voicepack: invalid voice pattern %q: %w", pattern, err)
			}
			matched := false
			for _, name := range s.names {
				if ok, _ := path.Match(pattern, name); ok {
					matched = true
					add(name)
				}
			}
			if !matched {
				return nil, fmt.Errorf("voicepack: pattern %q matches no voice in %s (%d voices)", pattern, s.source, len(s.names))
			}
		}
	}
	return out, nil
}

// Close releases the archive behind the set, if any. Packs already returned
// stay valid, but packs not yet loaded can no longer be read.
func (s *Set) Close() error {
	if s.closeFn == nil {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	closeFn := s.closeFn
	s.closeFn = nil
	s.load = func(name string) (*Pack, error) {
		return nil, fmt.Errorf("voicepack: read voice %q: the set %s is closed", name, s.source)
	}
	return closeFn()
}

func (s *Set) unknown(name string) error {
	return &UnknownVoiceError{
		Voice:       name,
		Source:      s.source,
		Count:       len(s.names),
		Suggestions: closestNames(name, s.names, 3),
	}
}

// closestNames returns up to limit names within a small edit distance of
// name or containing it, closest first, ties in sorted order.
func closestNames(name string, names []string, limit int) []string {
	type candidate struct {
		name     string
		distance int
	}
	// Allow about one edit per three characters, so that "af_bela" finds
	// "af_bella" but "zz" does not find every two-letter name.
	maxDistance := max(1, len(name)/3)
	var cands []candidate
	query := strings.ToLower(name)
	for _, n := range names {
		lower := strings.ToLower(n)
		d := editDistance(query, lower)
		if d <= maxDistance || (len(query) >= 3 && strings.Contains(lower, query)) {
			cands = append(cands, candidate{n, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].distance < cands[j].distance })
	var out []string
	for i := 0; i < len(cands) && i < limit; i++ {
		out = append(out, cands[i].name)
	}
	return out
}

// editDistance returns the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
