// Package cli is ttsbench's command tree. Main runs one command line and
// returns the process exit code, so tests run commands in-process.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/ttsbench/ttsbench/internal/cache"
)

// Exit codes.
const (
	exitOK          = 0
	exitError       = 1 // the command failed, or a benchmark recorded failed rows
	exitUsage       = 2
	exitInterrupted = 130
)

// errFailedRows marks a command that finished its work but recorded
// failures, so Main exits non-zero without printing a second message.
var errFailedRows = errors.New("some requests failed")

// app holds the global flags and the I/O every command writes to.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	ortLib         string
	logLevel       string
	log            *slog.Logger
}

// Main runs ttsbench with args and returns the exit code.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(ctx)
	switch {
	case err == nil:
		return exitOK
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "ttsbench: interrupted")
		return exitInterrupted
	case errors.Is(err, errFailedRows):
		return exitError
	}
	fmt.Fprintf(stderr, "ttsbench: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitError
}

// usageError marks a bad command line.
type usageError struct{ error }

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "ttsbench",
		Short: "Measure text-to-speech: the Kokoro ONNX variants, run in-process",
		Long: `ttsbench measures text-to-speech honestly: time to first audio, real-time
factor, CPU and memory, for the Kokoro-82M ONNX variants run in-process.

Start with the main job:

	ttsbench models standin ~/.cache/ttsbench/models/standin-kokoro --size kokoro
	ttsbench run --models-dir ~/.cache/ttsbench/models/standin-kokoro`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return a.setupLogging()
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.ortLib, "ort-lib", "", "path of libonnxruntime.so.1 (default: $TTSBENCH_ORT_LIB, then the cache scripts/setup.sh fills, then the system loader path)")
	pf.StringVar(&a.logLevel, "log-level", "info", "diagnostics on stderr: debug, info, warn or error")

	root.AddCommand(
		a.runCommand(),
		a.reportCommand(),
		a.speakCommand(),
		a.voicesCommand(),
		a.phonemizeCommand(),
		a.modelsCommand(),
		a.workerCommand(),
	)
	return root
}

func (a *app) setupLogging() error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(a.logLevel)); err != nil {
		return usageError{fmt.Errorf("invalid --log-level %q: use debug, info, warn or error", a.logLevel)}
	}
	a.log = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
	slog.SetDefault(a.log)
	return nil
}

// defaultModelsDir picks the model folder used when --models-dir is not
// given: the real Kokoro download when present, else the kokoro-size
// stand-in, else the tiny stand-in.
func defaultModelsDir() (string, error) {
	var tried []string
	for _, name := range []string{"Kokoro-82M-v1.0-ONNX", "standin-kokoro", "standin-tiny"} {
		dir := filepath.Join(cache.ModelsDir(), name)
		tried = append(tried, dir)
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			return dir, nil
		}
	}
	return "", fmt.Errorf("no model folder given and none found at %s; pass --models-dir DIR, or create one with `ttsbench models standin DIR` or `ttsbench models pull`",
		strings.Join(tried, ", "))
}
