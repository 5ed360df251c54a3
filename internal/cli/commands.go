package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/ttsbench/ttsbench/g2p"
	"github.com/ttsbench/ttsbench/internal/atomicfile"
	"github.com/ttsbench/ttsbench/internal/bench"
	"github.com/ttsbench/ttsbench/internal/cache"
	"github.com/ttsbench/ttsbench/internal/report"
	"github.com/ttsbench/ttsbench/internal/wav"
	"github.com/ttsbench/ttsbench/kokoro"
	"github.com/ttsbench/ttsbench/voicepack"
)

func (a *app) reportCommand() *cobra.Command {
	var readme string
	cmd := &cobra.Command{
		Use:   "report DIR",
		Short: "Re-render a run's summary, charts and report.md from its benchmark_results.csv",
		Long: `report rebuilds summary.csv, results.json, the charts and report.md of a
run folder from benchmark_results.csv alone; the environment block of an
existing results.json is kept. With --readme FILE it also replaces the
section between <!-- ttsbench:begin --> and <!-- ttsbench:end --> in
FILE (adding the markers at the end when absent), with chart links
relative to FILE.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := report.Render(args[0]); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, filepath.Join(args[0], report.ReportFileName))
			if readme != "" {
				return report.UpdateReadme(readme, args[0])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&readme, "readme", "", "also update the ttsbench section of this Markdown file")
	return cmd
}

// engineFlags are the flags of commands that synthesize in-process.
type engineFlags struct {
	modelsDir string
	variant   string
	voices    string
	threads   int
	// dictionary is the pronunciation dictionary file; "" means none.
	dictionary string
}

func (f *engineFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.modelsDir, "models-dir", "", "model folder (default: the real Kokoro download in the cache, else the stand-in)")
	cmd.Flags().StringVarP(&f.variant, "model", "m", "model", "variant name such as model, model_fp16 or model_q8f16, or the path of an .onnx file")
	cmd.Flags().StringVar(&f.voices, "voices-path", "", "folder of .bin voice packs or a voices-v1.0.bin archive (default: the model folder's)")
	cmd.Flags().IntVar(&f.threads, "threads", 0, "ONNX Runtime intra-op threads; 0 uses every core")
	cmd.Flags().StringVar(&f.dictionary, "dictionary", "", dictionaryFlagUsage)
}

// dictionaryFlagUsage is the help text of every --dictionary flag.
const dictionaryFlagUsage = "pronunciation dictionary file: word<TAB>phonemes lines, or a JSON object {\"word\": \"phonemes\"}"

// loadDictionary reads the --dictionary file; "" gives none.
func loadDictionary(path string) (*g2p.Dictionary, error) {
	if path == "" {
		return nil, nil
	}
	return g2p.LoadDictionary(path)
}

// open loads the engine with the selected variant.
func (f *engineFlags) open(a *app) (*kokoro.Engine, *kokoro.ModelDir, error) {
	md, v, err := f.resolveModel()
	if err != nil {
		return nil, nil, err
	}

	voices := f.voices
	if voices == "" {
		voices = md.Voices
	}
	if voices == "" {
		voices = cache.VoicesDir()
	}
	dict, err := loadDictionary(f.dictionary)
	if err != nil {
		return nil, nil, err
	}

	e, err := kokoro.New(kokoro.Options{ORTLibrary: a.ortLib, Voices: voices, Threads: f.threads, Dictionary: dict})
	if err != nil {
		return nil, nil, err
	}
	if _, err := e.Load(v.Name, v.Path); err != nil {
		e.Close()
		return nil, nil, err
	}
	if md.StandIn {
		a.log.Warn("model folder is ttsbench's generated stand-in: the audio is not speech", "dir", md.Dir)
	}
	return e, md, nil
}

// resolveModel returns the model folder and the variant file that -m
// selects. With an explicit .onnx path, the folder is consulted only for
// its voices, and only when --models-dir is given.
func (f *engineFlags) resolveModel() (*kokoro.ModelDir, kokoro.VariantFile, error) {
	if strings.HasSuffix(f.variant, ".onnx") {
		v := kokoro.VariantFile{Name: strings.TrimSuffix(filepath.Base(f.variant), ".onnx"), Path: f.variant}
		if f.modelsDir == "" {
			return &kokoro.ModelDir{Dir: filepath.Dir(f.variant)}, v, nil
		}
		md, err := kokoro.OpenModelDir(f.modelsDir)
		return md, v, err
	}

	dir := f.modelsDir
	if dir == "" {
		d, err := defaultModelsDir()
		if err != nil {
			return nil, kokoro.VariantFile{}, err
		}
		dir = d
	}
	md, err := kokoro.OpenModelDir(dir)
	if err != nil {
		return nil, kokoro.VariantFile{}, err
	}
	v, err := md.Variant(f.variant)
	return md, v, err
}

func (a *app) speakCommand() *cobra.Command {
	var (
		ef     engineFlags
		voice  string
		speed  float32
		output string
	)
	cmd := &cobra.Command{
		Use:   "speak [TEXT]",
		Short: "Synthesize text (or standard input) to a WAV file",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			text, err := argOrStdin(args, a.stdin)
			if err != nil {
				return err
			}
			e, _, err := ef.open(a)
			if err != nil {
				return err
			}
			defer e.Close()
			if speed == 0 {
				return usageError{fmt.Errorf("invalid --speed 0: use a value from %v to %v (1 is normal speed)", kokoro.MinSpeed, kokoro.MaxSpeed)}
			}
			// The engine has exactly one variant loaded, whatever -m named.
			res, err := e.Synthesize(cmd.Context(), kokoro.Request{Text: text, Voice: voice, Speed: speed, Cache: kokoro.CacheOff})
			if err != nil {
				return err
			}
			if output == "-" {
				return wav.Encode(a.stdout, res.Audio, kokoro.SampleRate)
			}
			err = atomicfile.Write(output, func(w io.Writer) error { return wav.Encode(w, res.Audio, kokoro.SampleRate) })
			if err != nil {
				return err
			}
			a.log.Info("wrote audio", "file", output, "audio_s", res.AudioDuration().Seconds(), "chunks", res.NumChunks,
				"tokens", res.Tokens, "ttfa_ms", res.FirstAudio.Milliseconds(), "total_ms", res.Total.Milliseconds())
			return nil
		},
	}
	ef.register(cmd)
	cmd.Flags().StringVarP(&voice, "voice", "v", "af_heart", "voice name or blend such as af_bella.6+af_sky.4")
	cmd.Flags().Float32Var(&speed, "speed", 1, "speaking rate, 0.25 to 4; 1 is normal")
	cmd.Flags().StringVarP(&output, "output", "o", "speech.wav", "WAV file to write; - writes to standard output")
	return cmd
}

func argOrStdin(args []string, stdin io.Reader) (string, error) {
	if len(args) == 1 && args[0] != "-" {
		return args[0], nil
	}
	b, err := io.ReadAll(io.LimitReader(stdin, 4*kokoro.MaxTextRunes+1))
	if err != nil {
		return "", fmt.Errorf("read standard input: %w", err)
	}
	return string(b), nil
}

func (a *app) voicesCommand() *cobra.Command {
	var path string
	cmd := &cobra.Command{
		Use:   "voices",
		Short: "List the voice packs with their language",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if path == "" {
				path = cache.VoicesDir()
				if dir, err := defaultModelsDir(); err == nil {
					if md, err := kokoro.OpenModelDir(dir); err == nil && md.Voices != "" {
						path = md.Voices
					}
				}
			}
			set, err := voicepack.Open(path)
			if err != nil {
				return fmt.Errorf("%w; run scripts/setup.sh to fetch the voice packs or pass --voices-path", err)
			}
			defer set.Close()
			tw := tabwriter.NewWriter(a.stdout, 0, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "VOICE\tLANGUAGE\tESPEAK")
			for _, n := range set.Names() {
				lang, err := g2p.LangForVoice(n)
				desc, voice := "unknown", "-"
				if err == nil {
					desc, voice = languageNames[lang], string(lang)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", n, desc, voice)
			}
			return tw.Flush()
		},
	}
	cmd.Flags().StringVar(&path, "voices-path", "", "folder of .bin voice packs or a voices-v1.0.bin archive (default: the model folder's, else the cache)")
	return cmd
}

// phonemizeLine is one output line of `ttsbench phonemize`.
type phonemizeLine struct {
	Voice  string           `json:"voice"`
	Input  string           `json:"input"`
	Chunks []phonemizeChunk `json:"chunks"`
	Error  string           `json:"error,omitempty"`
}

type phonemizeChunk struct {
	Text     string  `json:"text"`
	Phonemes string  `json:"phonemes"`
	InputIDs []int64 `json:"input_ids"`
	Dropped  int     `json:"dropped,omitempty"`
}

func (a *app) phonemizeCommand() *cobra.Command {
	var voice, dictionary string
	cmd := &cobra.Command{
		Use:   "phonemize",
		Short: "Turn lines of standard input into Kokoro phonemes and ids (JSON lines)",
		Long: `phonemize reads one text per line from standard input and writes one JSON
object per line: the voice, the input, and each chunk's text, phonemes and
input_ids (with the pad id 0 at both ends, as the model receives them).
The voice's first letter selects the language. An input may set the
phonemes of a word inline, as in "[Kokoro](/kˈOkəɹO/)"; see
docs/languages.md.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := g2p.LangForVoice(voice); err != nil {
				return usageError{err}
			}
			dict, err := loadDictionary(dictionary)
			if err != nil {
				return err
			}
			p, err := g2p.New(g2p.Options{Dictionary: dict})
			if err != nil {
				return err
			}
			sc := bufio.NewScanner(a.stdin)
			sc.Buffer(make([]byte, 64<<10), 4<<20)
			out := bufio.NewWriter(a.stdout)
			defer out.Flush()
			enc := json.NewEncoder(out)
			enc.SetEscapeHTML(false)
			failed := 0
			for sc.Scan() {
				line := sc.Text()
				rec := phonemizeLine{Voice: voice, Input: line, Chunks: []phonemizeChunk{}}
				if strings.TrimSpace(line) == "" {
					// A blank line gets an empty record, so output line n
					// always belongs to input line n.
					if err := enc.Encode(rec); err != nil {
						return err
					}
					continue
				}
				chunks, err := p.Chunks(cmd.Context(), line, voice)
				if err != nil {
					rec.Error = err.Error()
					failed++
				}
				for _, c := range chunks {
					rec.Chunks = append(rec.Chunks, phonemizeChunk{Text: c.Text, Phonemes: c.Phonemes, InputIDs: g2p.Pad(c.IDs), Dropped: c.Dropped})
				}
				if err := enc.Encode(rec); err != nil {
					return err
				}
			}
			if err := sc.Err(); err != nil {
				return fmt.Errorf("read standard input: %w", err)
			}
			if failed > 0 {
				out.Flush()
				a.log.Error("some lines failed", "failed", failed)
				return errFailedRows
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&voice, "voice", "v", "af_heart", "voice whose language to use (a* en-us, b* en-gb, …)")
	cmd.Flags().StringVar(&dictionary, "dictionary", "", dictionaryFlagUsage)
	return cmd
}

func (a *app) workerCommand() *cobra.Command {
	return &cobra.Command{
		Use:    "worker",
		Short:  "Measure one variant for `ttsbench run` (internal)",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			err := bench.RunWorker(cmd.Context(), a.stdin, a.stdout)
			if cmd.Context().Err() != nil {
				// Interrupted with the parent, which reports it once.
				return nil
			}
			return err
		},
	}
}

// languageNames describes each espeak-ng voice that Kokoro voices use.
var languageNames = map[g2p.Lang]string{
	g2p.AmericanEnglish:     "American English",
	g2p.BritishEnglish:      "British English",
	g2p.Spanish:             "Spanish",
	g2p.French:              "French",
	g2p.Hindi:               "Hindi",
	g2p.Italian:             "Italian",
	g2p.BrazilianPortuguese: "Brazilian Portuguese",
	g2p.Japanese:            "Japanese",
	g2p.Mandarin:            "Mandarin Chinese",
}
