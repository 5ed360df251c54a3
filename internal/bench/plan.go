package bench

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/ttsbench/ttsbench/g2p"
)

// Prompt is one text of the benchmark matrix.
type Prompt struct {
	ID   string `yaml:"id" json:"id"`
	Text string `yaml:"text" json:"text"`
	// Prewarm stores the prompt's audio in the cache before measuring, so
	// its rows measure cache hits. Other prompts are looked up but never
	// stored, so their rows stay cache misses.
	Prewarm bool `yaml:"prewarm" json:"prewarm"`
}

// DefaultPrompts are the three texts of the standard plan: a pre-warmed
// greeting, an uncached pangram and an uncached paragraph of five
// sentences.
var DefaultPrompts = []Prompt{
	{ID: "hello", Text: "Hello world", Prewarm: true},
	{ID: "fox", Text: "The quick brown fox jumps over the lazy dog"},
	{ID: "paragraph", Text: "Self-hosted speech has become practical on ordinary hardware. " +
		"A small model can read a page aloud faster than a person can listen to it. " +
		"What matters to a listener is how soon the first words arrive, and whether the voice keeps up. " +
		"Those two numbers depend on the model file, the voice, and the machine. " +
		"This paragraph exists to measure them on text long enough to be streamed in several pieces."},
}

// Default values of the plan, also used as flag defaults.
const (
	DefaultRepetitions     = 5
	DefaultWarmup          = 1
	DefaultVoicesPerPrefix = 3
)

// DefaultVoicePatterns select American English voices; the plan takes the
// first DefaultVoicesPerPrefix of each so both female and male voices
// appear.
var DefaultVoicePatterns = []string{"af_*", "am_*"}

// Plan is the benchmark matrix and its settings. A YAML file can set any
// field; command-line flags override the file.
type Plan struct {
	// Models is the model folder (onnx/model*.onnx and voices/).
	Models string `yaml:"models" json:"models"`
	// Variants are shell globs over variant names; empty means all found.
	Variants []string `yaml:"variants" json:"variants"`
	// Voices are voice names or shell globs; empty means the first
	// VoicesPerPattern of af_* and of am_*.
	Voices []string `yaml:"voices" json:"voices"`
	// VoicesPerPattern caps how many voices each glob contributes; 0 means
	// all matches for user patterns and DefaultVoicesPerPrefix for the
	// default ones.
	VoicesPerPattern int `yaml:"voices_per_pattern" json:"voices_per_pattern"`
	// VoicesPath is a folder of .bin packs or a voices-v1.0.bin archive;
	// empty means the model folder's voices.
	VoicesPath string   `yaml:"voices_path" json:"voices_path"`
	Prompts    []Prompt `yaml:"prompts" json:"prompts"`
	// Repetitions is the number of measured runs per cell, each kept as
	// a row.
	Repetitions int `yaml:"repetitions" json:"repetitions"`
	// Warmup is the number of unrecorded runs per cell before measuring.
	Warmup int `yaml:"warmup" json:"warmup"`
	// Speed is the speaking rate; 1 is normal.
	Speed float32 `yaml:"speed" json:"speed"`
	// Threads is ORT's intra-op thread count; 0 means the machine's cores.
	Threads int `yaml:"threads" json:"threads"`
	// CacheBytes is the audio cache budget; 0 means the engine default.
	CacheBytes int64 `yaml:"cache_bytes" json:"cache_bytes"`
	// Output is the folder under which each run creates its timestamped
	// folder.
	Output string `yaml:"output" json:"output"`
	// Dictionary is a pronunciation dictionary file that every worker
	// loads (see g2p.LoadDictionary); empty means none.
	Dictionary string `yaml:"dictionary" json:"dictionary,omitempty"`
}

// DefaultPlan returns the standard matrix for the model folder dir.
func DefaultPlan(dir string) Plan {
	return Plan{
		Models:      dir,
		Prompts:     append([]Prompt(nil), DefaultPrompts...),
		Repetitions: DefaultRepetitions,
		Warmup:      DefaultWarmup,
		Speed:       1,
		Output:      "results",
	}
}

// LoadPlan reads a YAML plan file over p: fields the file sets replace
// p's, others keep their values. Unknown keys are an error so a misspelt
// setting is not silently ignored.
func LoadPlan(path string, p *Plan) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("bench: read plan: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("bench: parse plan %q: %w; the fields are models, variants, voices, voices_per_pattern, voices_path, "+
			"dictionary, prompts (id, text, prewarm), repetitions, warmup, speed, threads, cache_bytes and output, and lists are "+
			"written [a, b] (see docs/run.md)", path, err)
	}
	for _, field := range []*string{&p.Models, &p.VoicesPath, &p.Dictionary, &p.Output} {
		*field = expandHome(*field)
	}
	return nil
}

// expandHome replaces a leading ~/ with the user's home folder, as a shell
// would for the same path on a command line.
func expandHome(path string) string {
	if !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, path[2:])
}

// Validate checks the plan's settings and names the first bad one.
func (p *Plan) Validate() error {
	var errs []error
	if p.Models == "" {
		errs = append(errs, errors.New("no model folder: pass --models-dir DIR or set models: in the plan"))
	}
	if p.Repetitions < 1 {
		errs = append(errs, fmt.Errorf("repetitions %d: use 1 or more", p.Repetitions))
	}
	if p.Warmup < 0 {
		errs = append(errs, fmt.Errorf("warmup %d: use 0 or more", p.Warmup))
	}
	if !(p.Speed >= 0.25 && p.Speed <= 4) {
		errs = append(errs, fmt.Errorf("speed %v: use a value from 0.25 to 4", p.Speed))
	}
	if p.Threads < 0 {
		errs = append(errs, fmt.Errorf("threads %d: use 0 (all cores) or more", p.Threads))
	}

	if p.Dictionary != "" {
		// Load it once here, so that a bad entry stops the run before
		// any worker starts instead of failing every variant.
		if _, err := g2p.LoadDictionary(p.Dictionary); err != nil {
			errs = append(errs, err)
		}
	}

	if len(p.Prompts) == 0 {
		errs = append(errs, errors.New("no prompts: give --prompt TEXT or prompts: in the plan"))
	}
	ids := map[string]bool{}
	for i, pr := range p.Prompts {
		if pr.ID == "" {
			p.Prompts[i].ID = fmt.Sprintf("p%d", i+1)
			pr.ID = p.Prompts[i].ID
		}
		if strings.ContainsAny(pr.ID, ",\n\"") {
			errs = append(errs, fmt.Errorf("prompt id %q: use letters, digits, - or _", pr.ID))
		}
		if strings.TrimSpace(pr.Text) == "" {
			errs = append(errs, fmt.Errorf("prompt %q has no text: give it words to speak", pr.ID))
		}
		if ids[pr.ID] {
			errs = append(errs, fmt.Errorf("prompt id %q appears twice: give each prompt its own id", pr.ID))
		}
		ids[pr.ID] = true
	}

	if len(errs) > 0 {
		return fmt.Errorf("bench: invalid plan: %w", errors.Join(errs...))
	}
	return nil
}
