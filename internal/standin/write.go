// Package standin generates stand-in models with the file layout and
// input/output contract of onnx-community/Kokoro-82M-v1.0-ONNX, for
// machines that cannot download the real weights.
//
// A stand-in folder has onnx/*.onnx in the eight variants of the real
// export, voices/*.bin copied from real voice packs, and a config.json that
// marks it as a stand-in (see Config). The weights are random: the audio is
// not speech, but its length follows the input length and speed like
// Kokoro's, and the largest size has Kokoro's parameter count, so load
// time, memory and compute are of the real model's order.
package standin

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ttsbench/ttsbench/internal/cache"
)

// GeneratorVersion changes whenever the same Options would produce
// different files. Write regenerates files written by another version.
const GeneratorVersion = 1

const generatorVersionString = "1"

// DefaultSeed is the weight seed used when Options.Seed is zero.
const DefaultSeed uint64 = 0x4b6f6b6f726f3832 // "Kokoro82"

// VoicePackBytes is the size of one Kokoro voice pack: 510 × 256 float32.
const VoicePackBytes = 510 * StyleDim * 4

// Note is the config.json note of every stand-in folder.
const Note = "synthetic weights; the audio is not speech"

// vocabJSON is Kokoro-82M's phoneme vocabulary (115 symbols → ids), the
// vocab of hexgrad/Kokoro-82M config.json.
//
//go:embed vocab.json
var vocabJSON []byte

// Naming selects the tensor names of the generated models.
type Naming string

const (
	// NamingOnnxCommunity names the tensors input_ids, style, speed →
	// waveform, as onnx-community/Kokoro-82M-v1.0-ONNX does. It is the
	// default.
	NamingOnnxCommunity Naming = "onnx-community"
	// NamingKokoroONNX names them tokens, style, speed → audio, as
	// kokoro-onnx's kokoro-v1.0.onnx does.
	NamingKokoroONNX Naming = "kokoro-onnx"
)

// NonFinite selects whether the generated models output NaN.
type NonFinite string

const (
	// NonFiniteNone gives finite output in (-1, 1). It is the default.
	NonFiniteNone NonFinite = ""
	// NonFiniteAll makes every output sample NaN.
	NonFiniteAll NonFinite = "all"
	// NonFiniteSome makes the first sample of every 300 NaN and leaves the
	// others finite.
	NonFiniteSome NonFinite = "some"
)

// Options configures Write. The zero value writes the kokoro size with all
// eight variants and every voice pack of cache.VoicesDir().
type Options struct {
	// Size selects the dimensions. Zero means SizeKokoro.
	Size Size
	// Variants lists the model files to write. Empty means all of
	// Variants().
	Variants []Variant
	// VoicesDir is the folder of real voice packs (NAME.bin) to copy into
	// the model folder. Empty means cache.VoicesDir(), which
	// scripts/setup.sh fills.
	VoicesDir string
	// Voices lists the voice names to copy, without .bin. Empty means
	// every pack in VoicesDir.
	Voices []string
	// Seed selects the random weights. Zero means DefaultSeed.
	Seed uint64

	// The fields below are for tests of code that loads Kokoro models.

	// Naming selects the tensor names. Empty means NamingOnnxCommunity.
	Naming Naming
	// OutputRank is the rank of the audio output: 1 gives [N], 2 gives
	// [1,N] and 3 gives [1,1,N]. Zero means 2.
	OutputRank int
	// NonFinite makes the models output NaN.
	NonFinite NonFinite
}

// Config is the content of a model folder's config.json. Real Kokoro
// folders have a config.json too, with Vocab but without StandIn, so
// ReadConfig on them returns StandIn false.
type Config struct {
	// StandIn is true for folders that Write generated.
	StandIn bool `json:"stand_in"`
	// Generator is "ttsbench" for stand-ins.
	Generator string `json:"generator,omitempty"`
	// GeneratorVersion is the GeneratorVersion of the program that wrote
	// the folder.
	GeneratorVersion int `json:"generator_version,omitempty"`
	// Note is a warning that the audio is not speech.
	Note string `json:"note,omitempty"`
	// Size is the stand-in size.
	Size Size `json:"size,omitempty"`
	// Seed is the weight seed.
	Seed uint64 `json:"seed,omitempty"`
	// Parameters is the number of fp32 weights of the model.
	Parameters int64 `json:"parameters,omitempty"`
	// SampleRate is the output sample rate in Hz.
	SampleRate int `json:"sample_rate,omitempty"`
	// SamplesPerToken is the number of output samples per padded input id
	// at speed 1. For T padded ids the output has 300 × ceil(2T/speed)
	// samples, within 300 of SamplesPerToken × T / speed.
	SamplesPerToken int `json:"samples_per_token,omitempty"`
	// Naming is the tensor naming convention.
	Naming Naming `json:"naming,omitempty"`
	// OutputRank is the rank of the audio output.
	OutputRank int `json:"output_rank,omitempty"`
	// NonFinite is the Options.NonFinite test hook the models were built
	// with.
	NonFinite NonFinite `json:"non_finite,omitempty"`
	// Files lists the model files in the order they were written.
	Files []File `json:"files,omitempty"`
	// Voices lists the voice packs in voices/, without .bin, sorted.
	Voices []string `json:"voices,omitempty"`
	// Vocab maps each phoneme symbol to its id.
	Vocab map[string]int `json:"vocab"`
}

// File describes one model file of a stand-in folder.
type File struct {
	Variant Variant `json:"variant"`
	// Path is relative to the folder, with forward slashes.
	Path string `json:"path"`
	// Bytes is the file size.
	Bytes int64 `json:"bytes"`
	// SHA256 is the hex SHA-256 of the file.
	SHA256 string `json:"sha256"`
	// OpTypes lists the operator types of the graph in first-use order,
	// with "com.microsoft:" before contrib operators.
	OpTypes []string `json:"op_types"`
}

// Manifest is the result of Write.
type Manifest struct {
	// Dir is the model folder.
	Dir string
	// Config is the content Write stored in config.json.
	Config Config
	// Written lists the paths, relative to Dir, that this call wrote.
	// Files that already had the expected content are left alone and
	// not listed.
	Written []string
}

// ConfigFile is the name of the folder's config file.
const ConfigFile = "config.json"

// ReadConfig reads dir/config.json. The error wraps fs.ErrNotExist when
// the file is missing.
func ReadConfig(dir string) (*Config, error) {
	data, err := os.ReadFile(filepath.Join(dir, ConfigFile))
	if err != nil {
		return nil, fmt.Errorf("standin: read config: %w", err)
	}
	var c Config
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("standin: parse %s: %w", filepath.Join(dir, ConfigFile), err)
	}
	return &c, nil
}

// Write generates a stand-in model folder in dir, creating it when needed.
// Every file is written to a temporary file and renamed into place, and
// config.json is written last, so a folder with a config.json is complete.
// The same Options always give the same bytes. A file that already has the
// content Write would give it, according to the config.json of an earlier
// call and its SHA-256, is kept. Model files and voice packs already in
// dir that this call does not request are left alone but not listed in
// config.json.
//
// Write is safe to call from several goroutines or processes on the same
// folder with the same Options.
func Write(dir string, opts Options) (*Manifest, error) {
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	size, _ := opts.Size.spec()
	voices, err := voicePacks(opts.VoicesDir, opts.Voices)
	if err != nil {
		return nil, err
	}
	var vocab map[string]int
	if err := json.Unmarshal(vocabJSON, &vocab); err != nil {
		return nil, fmt.Errorf("standin: internal error: embedded vocabulary: %w", err)
	}
	for _, sub := range []string{"onnx", "voices"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o755); err != nil {
			return nil, fmt.Errorf("standin: create model folder: %w", err)
		}
	}

	h := opts.hooks()
	cfg := Config{
		StandIn:          true,
		Generator:        producerName,
		GeneratorVersion: GeneratorVersion,
		Note:             Note,
		Size:             opts.Size,
		Seed:             opts.Seed,
		Parameters:       build(size, variantSpec{}, h, opts.Seed).params(),
		SampleRate:       SampleRate,
		SamplesPerToken:  SamplesPerToken,
		Naming:           opts.Naming,
		OutputRank:       opts.OutputRank,
		NonFinite:        opts.NonFinite,
		Vocab:            vocab,
	}
	m := &Manifest{Dir: dir}
	previous := reusableFiles(dir, cfg)

	for _, v := range opts.Variants {
		if f, ok := previous[v]; ok {
			cfg.Files = append(cfg.Files, f)
			continue
		}
		vs, _ := v.spec()
		g := build(size, vs, h, opts.Seed)
		doc := fmt.Sprintf("ttsbench stand-in for Kokoro-82M v1.0 (%s, size %s, seed %d): %s.", v, opts.Size, opts.Seed, Note)
		path := filepath.Join(dir, filepath.FromSlash(v.File()))
		n, sum, err := writeAtomic(path, func(w io.Writer) error { return writeModel(w, g.model(doc)) })
		if err != nil {
			return nil, fmt.Errorf("standin: write %s: %w", v.File(), err)
		}
		cfg.Files = append(cfg.Files, File{Variant: v, Path: v.File(), Bytes: n, SHA256: sum, OpTypes: g.opTypes()})
		m.Written = append(m.Written, v.File())
	}

	for _, name := range voices {
		rel := "voices/" + name + ".bin"
		wrote, err := copyVoice(filepath.Join(opts.VoicesDir, name+".bin"), filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			return nil, err
		}
		if wrote {
			m.Written = append(m.Written, rel)
		}
		cfg.Voices = append(cfg.Voices, name)
	}

	data, err := json.MarshalIndent(cfg, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("standin: encode config: %w", err)
	}
	data = append(data, '\n')
	cfgPath := filepath.Join(dir, ConfigFile)
	if old, err := os.ReadFile(cfgPath); err != nil || !bytes.Equal(old, data) {
		if _, _, err := writeAtomic(cfgPath, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
			return nil, fmt.Errorf("standin: write %s: %w", ConfigFile, err)
		}
		m.Written = append(m.Written, ConfigFile)
	}
	m.Config = cfg
	return m, nil
}

// withDefaults fills in zero fields and validates the rest.
func (o Options) withDefaults() (Options, error) {
	if o.Size == "" {
		o.Size = SizeKokoro
	}
	if _, err := o.Size.spec(); err != nil {
		return o, err
	}
	if len(o.Variants) == 0 {
		o.Variants = Variants()
	}
	seen := map[Variant]bool{}
	for _, v := range o.Variants {
		if _, err := v.spec(); err != nil {
			return o, err
		}
		if seen[v] {
			return o, fmt.Errorf("standin: variant %q listed twice", string(v))
		}
		seen[v] = true
	}
	if o.VoicesDir == "" {
		o.VoicesDir = cache.VoicesDir()
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	switch o.Naming {
	case "":
		o.Naming = NamingOnnxCommunity
	case NamingOnnxCommunity, NamingKokoroONNX:
	default:
		return o, fmt.Errorf("standin: unknown naming %q; use %q or %q", string(o.Naming), NamingOnnxCommunity, NamingKokoroONNX)
	}
	switch o.OutputRank {
	case 0:
		o.OutputRank = 2
	case 1, 2, 3:
	default:
		return o, fmt.Errorf("standin: output rank %d is not supported; use 1, 2 or 3", o.OutputRank)
	}
	switch o.NonFinite {
	case NonFiniteNone, NonFiniteAll, NonFiniteSome:
	default:
		return o, fmt.Errorf("standin: unknown NonFinite mode %q; use %q, %q or \"\"", string(o.NonFinite), NonFiniteAll, NonFiniteSome)
	}
	return o, nil
}

func (o Options) hooks() hooks {
	h := hooks{idsName: "input_ids", outputName: "waveform", outputRank: o.OutputRank, nonFinite: o.NonFinite}
	if o.Naming == NamingKokoroONNX {
		h.idsName, h.outputName = "tokens", "audio"
	}
	return h
}

func defaultHooks() hooks {
	o, _ := Options{Size: SizeTiny}.withDefaults()
	return o.hooks()
}

// voicePacks returns the voice names to copy from dir, sorted, after
// checking that each pack exists and has the size of a Kokoro voice pack.
func voicePacks(dir string, names []string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("standin: voice pack folder %s not found: run scripts/setup.sh, or set Options.VoicesDir to a folder of Kokoro NAME.bin files", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("standin: list voice packs: %w", err)
	}
	available := map[string]bool{}
	for _, e := range entries {
		if name, ok := strings.CutSuffix(e.Name(), ".bin"); ok && e.Type().IsRegular() {
			available[name] = true
		}
	}
	if len(available) == 0 {
		return nil, fmt.Errorf("standin: no voice packs (*.bin) in %s: run scripts/setup.sh, or set Options.VoicesDir to a folder of Kokoro NAME.bin files", dir)
	}
	if len(names) == 0 {
		for name := range available {
			names = append(names, name)
		}
	} else {
		names = slices.Clone(names)
	}
	slices.Sort(names)
	names = slices.Compact(names)
	for _, name := range names {
		if !available[name] || strings.ContainsAny(name, `/\`) {
			return nil, fmt.Errorf("standin: voice %q not found in %s; pick from the NAME.bin files there", name, dir)
		}
		fi, err := os.Stat(filepath.Join(dir, name+".bin"))
		if err != nil {
			return nil, fmt.Errorf("standin: voice %q: %w", name, err)
		}
		if fi.Size() != VoicePackBytes {
			return nil, fmt.Errorf("standin: voice pack %s has %d bytes, expected %d (510×256 float32); run scripts/setup.sh to restore it",
				filepath.Join(dir, name+".bin"), fi.Size(), VoicePackBytes)
		}
	}
	return names, nil
}

// reusableFiles returns the files listed in dir's existing config.json
// that the new config would also produce and whose content still matches
// the recorded SHA-256.
func reusableFiles(dir string, want Config) map[Variant]File {
	old, err := ReadConfig(dir)
	if err != nil || !old.StandIn || old.GeneratorVersion != want.GeneratorVersion ||
		old.Size != want.Size || old.Seed != want.Seed || old.Naming != want.Naming ||
		old.OutputRank != want.OutputRank || old.NonFinite != want.NonFinite {
		return nil
	}
	out := map[Variant]File{}
	for _, f := range old.Files {
		if f.Path != f.Variant.File() {
			continue
		}
		n, sum, err := hashFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err == nil && n == f.Bytes && sum == f.SHA256 {
			out[f.Variant] = f
		}
	}
	return out
}

// copyVoice copies a voice pack unless dst already has the same content,
// and reports whether it wrote dst.
func copyVoice(src, dst string) (bool, error) {
	want, err := os.ReadFile(src)
	if err != nil {
		return false, fmt.Errorf("standin: read voice pack: %w", err)
	}
	if have, err := os.ReadFile(dst); err == nil && bytes.Equal(have, want) {
		return false, nil
	}
	if _, _, err := writeAtomic(dst, func(w io.Writer) error { _, err := w.Write(want); return err }); err != nil {
		return false, fmt.Errorf("standin: copy voice pack to %s: %w", dst, err)
	}
	return true, nil
}

// writeAtomic writes path through a temporary file in the same folder and
// renames it into place, so readers see the old file or the whole new one.
// It returns the size and hex SHA-256 of what fill wrote.
func writeAtomic(path string, fill func(w io.Writer) error) (int64, string, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return 0, "", err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename

	h := sha256.New()
	cw := &countingWriter{w: io.MultiWriter(tmp, h)}
	if err := fill(cw); err != nil {
		tmp.Close()
		return 0, "", err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return 0, "", err
	}
	if err := tmp.Close(); err != nil {
		return 0, "", err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return 0, "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, "", err
	}
	return int64(cw.n), hex.EncodeToString(h.Sum(nil)), nil
}

func hashFile(path string) (int64, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, "", err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}
