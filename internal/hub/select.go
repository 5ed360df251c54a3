package hub

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Variants lists the ONNX exports of Kokoro-82M v1.0 in DefaultRepo, each
// stored as onnx/NAME.onnx.
var Variants = []string{
	"model",           // fp32
	"model_fp16",      // fp16 weights
	"model_q4",        // 4-bit MatMulNBits on MatMuls
	"model_q4f16",     // q4 with fp16
	"model_q8f16",     // int8 dynamic with fp16
	"model_quantized", // dynamic 8-bit
	"model_uint8",     // dynamic uint8
	"model_uint8f16",  // uint8 with fp16
}

const (
	voicesDir = "voices/"
	voiceExt  = ".bin"
)

// VariantPath returns the repository path of a variant, such as
// "onnx/model_q8f16.onnx" for "model_q8f16".
func VariantPath(variant string) (string, error) {
	if !slices.Contains(Variants, variant) {
		return "", fmt.Errorf("hub: unknown model variant %q; expected one of %s", variant, strings.Join(Variants, ", "))
	}
	return "onnx/" + variant + ".onnx", nil
}

// A Selection names the files to download from a repository. Its zero value
// selects nothing.
type Selection struct {
	// Variants are model variant names from Variants.
	Variants []string
	// Voices are shell-style patterns (see path.Match) over voice names, the
	// file names in voices/ less ".bin": "af_*" selects the American
	// English female voices and "*" every voice.
	Voices []string
	// Files are other repository paths to download as they are, such as
	// "config.json".
	Files []string
}

// Apply returns the files of a listing that s selects: variants first, then
// voices in sorted order, then other files, each once. It returns an error for
// an unknown variant, a pattern matching no voice, a file missing from the
// listing, or an empty selection.
func (s Selection) Apply(files []File) ([]File, error) {
	byPath := make(map[string]File, len(files))
	for _, f := range files {
		byPath[f.Path] = f
	}
	var (
		out  []File
		seen = map[string]bool{}
	)
	add := func(f File) {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, f)
		}
	}

	for _, v := range s.Variants {
		p, err := VariantPath(v)
		if err != nil {
			return nil, err
		}
		f, ok := byPath[p]
		if !ok {
			return nil, fmt.Errorf("hub: model variant %s (%s) is not in the repository listing", v, p)
		}
		add(f)
	}

	var voices []File
	for _, f := range files {
		if name, ok := voiceName(f.Path); ok && name != "" {
			voices = append(voices, f)
		}
	}
	slices.SortFunc(voices, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	for _, pattern := range s.Voices {
		if _, err := path.Match(pattern, ""); err != nil {
			return nil, fmt.Errorf("hub: invalid voice pattern %q: %w", pattern, err)
		}
		matched := false
		for _, f := range voices {
			name, _ := voiceName(f.Path)
			if ok, _ := path.Match(pattern, name); ok {
				matched = true
				add(f)
			}
		}
		if !matched {
			return nil, fmt.Errorf("hub: voice pattern %q matches none of the %d voices in %s", pattern, len(voices), voicesDir)
		}
	}

	for _, p := range s.Files {
		f, ok := byPath[p]
		if !ok {
			return nil, fmt.Errorf("hub: file %s is not in the repository listing", p)
		}
		add(f)
	}

	if len(out) == 0 {
		return nil, fmt.Errorf("hub: no files selected: name at least one model variant, voice pattern or file")
	}
	return out, nil
}

// voiceName returns the voice name of a path voices/NAME.bin.
func voiceName(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, voicesDir)
	if !ok || strings.Contains(rest, "/") || !strings.HasSuffix(rest, voiceExt) {
		return "", false
	}
	return strings.TrimSuffix(rest, voiceExt), true
}
