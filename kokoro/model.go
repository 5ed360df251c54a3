package kokoro

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Variants lists the eight files of onnx-community/Kokoro-82M-v1.0-ONNX,
// by file name without ".onnx", in the order reports show them.
var Variants = []string{
	"model",
	"model_fp16",
	"model_q4",
	"model_q4f16",
	"model_q8f16",
	"model_quantized",
	"model_uint8",
	"model_uint8f16",
}

// VariantFile is one ONNX file of a model folder.
type VariantFile struct {
	Name      string // file name without ".onnx", e.g. "model_fp16"
	Path      string // absolute path
	SizeBytes int64
}

// ModelDir is a model folder laid out like onnx-community's Kokoro export:
// onnx/model*.onnx and voices/*.bin, or ONNX files and a voices-v1.0.bin
// archive side by side as kokoro-onnx ships them.
type ModelDir struct {
	Dir      string
	Variants []VariantFile // sorted in the order of Variants, others after by name
	Voices   string        // folder of .bin packs or a voices-v1.0.bin archive; "" when none
	StandIn  bool          // config.json marks the folder as ttsbench's generated stand-in
	Size     string        // stand-in size from config.json ("tiny", "kokoro"); "" otherwise
}

// OpenModelDir scans dir for model files and voice packs. It returns an
// error when dir holds no .onnx file at all.
func OpenModelDir(dir string) (*ModelDir, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("kokoro: model folder %q: %w", dir, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("kokoro: model folder %q: %w; create one with `ttsbench models standin DIR` or `ttsbench models pull`", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("kokoro: model folder %q is a file; pass the folder that contains onnx/ and voices/", dir)
	}
	md := &ModelDir{Dir: abs}

	for _, pattern := range []string{filepath.Join(abs, "onnx", "*.onnx"), filepath.Join(abs, "*.onnx")} {
		matches, _ := filepath.Glob(pattern)
		for _, m := range matches {
			st, err := os.Stat(m)
			if err != nil || st.IsDir() {
				continue
			}
			md.Variants = append(md.Variants, VariantFile{
				Name:      strings.TrimSuffix(filepath.Base(m), ".onnx"),
				Path:      m,
				SizeBytes: st.Size(),
			})
		}
	}
	if len(md.Variants) == 0 {
		return nil, fmt.Errorf("kokoro: no .onnx files in %q or %q; create a model folder with `ttsbench models standin DIR` or `ttsbench models pull`",
			abs, filepath.Join(abs, "onnx"))
	}
	slices.SortFunc(md.Variants, func(a, b VariantFile) int {
		ia, ib := variantRank(a.Name), variantRank(b.Name)
		if ia != ib {
			return ia - ib
		}
		return strings.Compare(a.Name, b.Name)
	})

	for _, cand := range []string{filepath.Join(abs, "voices"), filepath.Join(abs, "voices-v1.0.bin"), filepath.Join(abs, "voices.bin")} {
		if _, err := os.Stat(cand); err == nil {
			md.Voices = cand
			break
		}
	}

	var cfg struct {
		StandIn bool   `json:"stand_in"`
		Size    string `json:"size"`
	}
	if b, err := os.ReadFile(filepath.Join(abs, "config.json")); err == nil {
		if err := json.Unmarshal(b, &cfg); err != nil {
			return nil, fmt.Errorf("kokoro: parse %q: %w", filepath.Join(abs, "config.json"), err)
		}
		md.StandIn, md.Size = cfg.StandIn, cfg.Size
	}
	return md, nil
}

func variantRank(name string) int {
	if i := slices.Index(Variants, name); i >= 0 {
		return i
	}
	return len(Variants)
}

// Variant returns the file of the named variant.
func (md *ModelDir) Variant(name string) (VariantFile, error) {
	for _, v := range md.Variants {
		if v.Name == name {
			return v, nil
		}
	}
	return VariantFile{}, fmt.Errorf("kokoro: %w: %q in %q (found: %s)", ErrUnknownVariant, name, md.Dir, strings.Join(md.Names(), ", "))
}

// Names returns the variant names in report order.
func (md *ModelDir) Names() []string {
	names := make([]string, len(md.Variants))
	for i, v := range md.Variants {
		names[i] = v.Name
	}
	return names
}

// Match returns the variants whose names match any of the shell globs, in
// report order. A pattern that matches nothing is an error, so a typo does
// not silently shrink a benchmark.
func (md *ModelDir) Match(globs []string) ([]VariantFile, error) {
	if len(globs) == 0 {
		return slices.Clone(md.Variants), nil
	}
	var out []VariantFile
	seen := map[string]bool{}
	for _, g := range globs {
		g = strings.TrimSuffix(strings.TrimSpace(g), ".onnx")
		if _, err := filepath.Match(g, ""); err != nil {
			return nil, fmt.Errorf("kokoro: invalid model pattern %q: %w", g, err)
		}
		n := 0
		for _, v := range md.Variants {
			if ok, _ := filepath.Match(g, v.Name); ok {
				n++
				if !seen[v.Name] {
					seen[v.Name] = true
					out = append(out, v)
				}
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("kokoro: %w: pattern %q matches no model in %q (found: %s)", ErrUnknownVariant, g, md.Dir, strings.Join(md.Names(), ", "))
		}
	}
	slices.SortFunc(out, func(a, b VariantFile) int { return variantRank(a.Name) - variantRank(b.Name) })
	return out, nil
}

// ErrUnknownVariant is returned for a variant name that the folder lacks.
var ErrUnknownVariant = errors.New("unknown model variant")
