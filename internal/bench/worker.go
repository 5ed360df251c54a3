package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"syscall"
	"time"

	"github.com/ttsbench/ttsbench/g2p"
	"github.com/ttsbench/ttsbench/internal/ort"
	"github.com/ttsbench/ttsbench/kokoro"
)

// Job is the work the parent sends a worker process on its standard
// input: one variant and the cells to measure with it.
type Job struct {
	Variant     string   `json:"variant"`
	ModelPath   string   `json:"model_path"`
	VoicesPath  string   `json:"voices_path"`
	Voices      []string `json:"voices"`
	Prompts     []Prompt `json:"prompts"`
	Repetitions int      `json:"repetitions"`
	Warmup      int      `json:"warmup"`
	Speed       float32  `json:"speed"`
	Threads     int      `json:"threads"`
	CacheBytes  int64    `json:"cache_bytes"`
	ORTLibrary  string   `json:"ort_library"`
	// Dictionary is the pronunciation dictionary file; "" means none.
	Dictionary string `json:"dictionary,omitempty"`
}

// Event is one line a worker writes on its standard output.
type Event struct {
	// Kind is "loaded" (once, first), "row" (one per measured request) or
	// "done" (last, after a complete job).
	Kind string `json:"event"`

	// Set on "loaded".
	Load       time.Duration `json:"load_ns,omitempty"`
	ORTVersion string        `json:"ort_version,omitempty"`
	Threads    int           `json:"threads,omitempty"`

	// Set on "row".
	Voice      string       `json:"voice,omitempty"`
	PromptID   string       `json:"prompt_id,omitempty"`
	Repetition int          `json:"repetition,omitempty"`
	StartedAt  time.Time    `json:"started_at,omitzero"`
	M          *Measurement `json:"measurement,omitempty"`

	// Error is set on "loaded" when the variant could not be loaded.
	Error string `json:"error,omitempty"`
}

// EnvCrashAfter, when set to N in a worker's environment, kills the worker
// with SIGKILL after N measured rows. Tests use it to check that the parent
// survives a crashed worker.
const EnvCrashAfter = "TTSBENCH_TEST_WORKER_CRASH_AFTER"

// RunWorker is the body of the hidden `ttsbench worker` command: it reads a
// Job from in, loads the variant, measures every cell and writes Events to
// out, one JSON object a line. Errors of single requests become rows; only
// a broken pipe or a malformed job ends the worker with an error.
func RunWorker(ctx context.Context, in io.Reader, out io.Writer) error {
	var job Job
	if err := json.NewDecoder(in).Decode(&job); err != nil {
		return fmt.Errorf("bench: worker: read job: %w", err)
	}
	w := bufio.NewWriter(out)
	emit := func(ev Event) error {
		b, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		w.Write(append(b, '\n'))
		return w.Flush()
	}
	crashAfter, _ := strconv.Atoi(os.Getenv(EnvCrashAfter))

	var dict *g2p.Dictionary
	if job.Dictionary != "" {
		d, err := g2p.LoadDictionary(job.Dictionary)
		if err != nil {
			return emit(Event{Kind: "loaded", Error: err.Error()})
		}
		dict = d
	}
	eng, err := kokoro.New(kokoro.Options{
		ORTLibrary: job.ORTLibrary,
		Voices:     job.VoicesPath,
		Threads:    job.Threads,
		CacheBytes: job.CacheBytes,
		Dictionary: dict,
	})
	if err != nil {
		return emit(Event{Kind: "loaded", Error: err.Error()})
	}
	defer eng.Close()
	load, err := eng.Load(job.Variant, job.ModelPath)
	if err != nil {
		return emit(Event{Kind: "loaded", Error: err.Error()})
	}
	slog.Debug("variant loaded", "variant", job.Variant, "load", load)
	if err := emit(Event{Kind: "loaded", Load: load, ORTVersion: ort.Version(), Threads: eng.Threads()}); err != nil {
		return err
	}

	rows := 0
	for _, voice := range job.Voices {
		for _, p := range job.Prompts {
			req := kokoro.Request{Text: p.Text, Voice: voice, Variant: job.Variant, Speed: job.Speed, Cache: kokoro.CacheReadOnly}
			if p.Prewarm {
				req.Cache = kokoro.CacheDefault
				if err := eng.Prewarm(ctx, job.Variant, voice, job.Speed, []string{p.Text}); err != nil {
					slog.Warn("pre-warm failed", "variant", job.Variant, "voice", voice, "prompt", p.ID, "error", err)
				}
			}
			for range job.Warmup {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				Measure(ctx, eng, req)
			}
			for rep := 1; rep <= job.Repetitions; rep++ {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				started := time.Now()
				m := Measure(ctx, eng, req)
				if ctx.Err() != nil {
					// An interrupted request is not a measurement.
					return ctx.Err()
				}
				ev := Event{Kind: "row", Voice: voice, PromptID: p.ID, Repetition: rep, StartedAt: started, M: &m}
				if err := emit(ev); err != nil {
					return err
				}
				rows++
				if crashAfter > 0 && rows >= crashAfter {
					syscall.Kill(os.Getpid(), syscall.SIGKILL)
				}
			}
		}
	}
	return emit(Event{Kind: "done"})
}
