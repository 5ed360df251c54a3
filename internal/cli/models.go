package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/ttsbench/ttsbench/internal/cache"
	"github.com/ttsbench/ttsbench/internal/hub"
	"github.com/ttsbench/ttsbench/internal/standin"
	"github.com/ttsbench/ttsbench/kokoro"
)

func (a *app) modelsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "models",
		Short: "List, download or generate Kokoro model folders",
	}
	cmd.AddCommand(a.modelsListCommand(), a.modelsPullCommand(), a.modelsStandinCommand())
	return cmd
}

func (a *app) modelsListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list [DIR]",
		Short: "List the model variants of a folder (default: every folder in the cache)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var dirs []string
			if len(args) == 1 {
				dirs = args
			} else {
				entries, _ := os.ReadDir(cache.ModelsDir())
				for _, e := range entries {
					if e.IsDir() {
						dirs = append(dirs, filepath.Join(cache.ModelsDir(), e.Name()))
					}
				}
				if len(dirs) == 0 {
					return fmt.Errorf("no model folders in %s; create one with `ttsbench models standin DIR` or `ttsbench models pull`", cache.ModelsDir())
				}
			}
			tw := tabwriter.NewWriter(a.stdout, 0, 8, 2, ' ', 0)
			fmt.Fprintln(tw, "FOLDER\tVARIANT\tSIZE_MB\tKIND")
			for _, d := range dirs {
				md, err := kokoro.OpenModelDir(d)
				if err != nil {
					if len(args) == 1 {
						return err
					}
					continue
				}
				kind := "onnx"
				if md.StandIn {
					kind = "stand-in (" + md.Size + "), not speech"
				}
				for _, v := range md.Variants {
					fmt.Fprintf(tw, "%s\t%s\t%.1f\t%s\n", md.Dir, v.Name, float64(v.SizeBytes)/1e6, kind)
				}
			}
			return tw.Flush()
		},
	}
}

func (a *app) modelsPullCommand() *cobra.Command {
	var (
		variants []string
		voices   []string
		repo     string
		revision string
	)
	cmd := &cobra.Command{
		Use:   "pull [DIR]",
		Short: "Download Kokoro-82M-v1.0-ONNX files from the Hugging Face hub",
		Long: `pull downloads model variants and voice packs from the Hugging Face hub
into DIR (default: the cache's Kokoro-82M-v1.0-ONNX folder), laid out as
in the repository. HF_ENDPOINT selects another hub and HF_TOKEN is sent
as a bearer token. Downloads resume from a .part file, and every file is
checked against the size and sha256 the hub lists; files already present
and correct are skipped.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := filepath.Join(cache.ModelsDir(), "Kokoro-82M-v1.0-ONNX")
			if len(args) == 1 {
				dir = args[0]
			}
			c, err := hub.NewClient(hub.WithLogger(a.log))
			if err != nil {
				return err
			}
			sel := hub.Selection{Variants: variants, Voices: voices, Files: []string{"config.json"}}
			var bar *progressbar.ProgressBar
			var barPath string
			progress := func(p hub.Progress) {
				if !isTerminal(a.stderr) {
					return
				}
				if bar == nil || barPath != p.Path {
					if bar != nil {
						_ = bar.Finish()
					}
					barPath = p.Path
					bar = progressbar.DefaultBytes(p.TotalBytes, p.Path)
				}
				_ = bar.Set64(p.DoneBytes)
			}
			results, err := c.Pull(cmd.Context(), repo, revision, sel, dir, progress)
			if bar != nil {
				_ = bar.Finish()
			}
			for _, r := range results {
				a.log.Info("model file ready", "file", r.Dest, "status", r.Status.String(), "bytes", r.File.Size)
			}
			if err != nil {
				if errors.Is(err, hub.ErrUnreachable) {
					return fmt.Errorf("%w\n\nThe hub at %s cannot be reached from this machine. Either download the files elsewhere\n"+
						"(for example %s) and put them in by hand as\n"+
						"  %s/onnx/model*.onnx and %s/voices/*.bin,\n"+
						"then run: ttsbench run --models-dir %s\n"+
						"or benchmark offline on the generated stand-in model: make demo",
						err, c.Endpoint(), c.FileURL(repo, revision, "onnx/model.onnx"), dir, dir, dir)
				}
				return err
			}
			fmt.Fprintln(a.stdout, dir)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringSliceVar(&variants, "models", hub.Variants, "variants to download, comma-separated")
	f.StringSliceVar(&voices, "voices", []string{"*"}, "voice globs to download, comma-separated")
	f.StringVar(&repo, "repo", hub.DefaultRepo, "hub repository")
	f.StringVar(&revision, "revision", hub.DefaultRevision, "branch, tag or commit")
	return cmd
}

func (a *app) modelsStandinCommand() *cobra.Command {
	var (
		size     string
		variants []string
		voices   []string
		from     string
	)
	cmd := &cobra.Command{
		Use:   "standin DIR",
		Short: "Generate a stand-in Kokoro model folder (synthetic weights; the audio is not speech)",
		Long: `standin writes a model folder with the eight variant file names of
Kokoro-82M-v1.0-ONNX, each built by ttsbench with the operator types of
its real counterpart (fp16 weights with Casts, dynamic int8 and uint8
quantization, 4-bit MatMulNBits), the real voice packs and a config.json
that marks the folder as a stand-in. The weights are random and fixed:
the audio is noise-like, not speech, but its length follows Kokoro's
(about 600 samples per phoneme id at speed 1) and so does its compute.

Sizes: tiny (under 2 MB per file, for tests) and kokoro (about 82 million
parameters, like Kokoro-82M, so load time, memory and CPU figures are of
the real model's order). Running it again on the same folder rewrites
nothing that is already correct.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := standin.Options{Size: standin.Size(size), VoicesDir: from, Voices: voices}
			switch opts.Size {
			case standin.SizeTiny, standin.SizeKokoro:
			default:
				return usageError{fmt.Errorf("invalid --size %q: use tiny or kokoro", size)}
			}
			for _, v := range variants {
				opts.Variants = append(opts.Variants, standin.Variant(v))
			}
			m, err := standin.Write(args[0], opts)
			if err != nil {
				return err
			}
			a.log.Info("stand-in model folder ready", "dir", m.Dir, "size", size, "files_written", len(m.Written))
			fmt.Fprintln(a.stdout, m.Dir)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&size, "size", string(standin.SizeKokoro), "tiny or kokoro")
	f.StringSliceVar(&variants, "models", nil, "variants to write, comma-separated (default: all eight)")
	f.StringSliceVar(&voices, "voices", nil, "voice packs to copy, comma-separated names (default: all)")
	f.StringVar(&from, "voices-from", "", "folder of real .bin voice packs to copy (default: the cache scripts/setup.sh fills)")
	return cmd
}
