package report

import (
	"fmt"
	"time"
)

// Status is the outcome of one measured request.
type Status string

// Request outcomes written to the status column.
const (
	// StatusOK marks a request that returned all of its audio.
	StatusOK Status = "ok"
	// StatusFailed marks a request that ended with an error; Row.Error holds it.
	StatusFailed Status = "failed"
)

// CacheStatus is the audio cache outcome of one request, as reported by the
// engine.
type CacheStatus string

// Cache outcomes written to the cache_status column.
const (
	// CacheHit means the engine served cached audio and ran no model.
	CacheHit CacheStatus = "hit"
	// CacheMiss means the engine looked in its cache, found nothing and ran
	// the model.
	CacheMiss CacheStatus = "miss"
	// CacheBypass means the cache was off for the request and the model ran.
	CacheBypass CacheStatus = "bypass"
	// CacheUnknown means the engine reported no cache outcome, for example
	// because the request failed before the cache lookup. It is written as a
	// blank cell.
	CacheUnknown CacheStatus = ""
)

// RanModel reports whether the model ran for the request, that is whether
// the outcome is anything but a cache hit.
func (c CacheStatus) RanModel() bool { return c != CacheHit }

// Row is one measured request: one line of benchmark_results.csv.
// Warm-up requests are not rows.
//
// Durations are stored as time.Duration and sizes in bytes; they are
// converted to milliseconds, seconds and MiB only when written. A field whose
// zero value cannot be a real measurement (TTFA, Total, Audio, RSSPeakBytes,
// Tokens, Load, StartedAt) is "not measured" when zero and is written as a
// blank cell, never as 0. CPU time can really be zero, so CPUMeasured reports
// whether CPUTime holds a measurement.
type Row struct {
	// Variant names the model variant, for example "model" or "model_q8f16". Required.
	Variant string
	// Voice names the voice pack. Required.
	Voice string
	// PromptID is the stable identifier of the prompt. Required.
	PromptID string
	// Prompt is the prompt text as sent to the engine.
	Prompt string
	// Repetition counts the measured requests of one variant, voice and
	// prompt, starting at 1.
	Repetition int
	// Status is StatusOK or StatusFailed.
	Status Status
	// CacheStatus is the cache outcome reported by the engine.
	CacheStatus CacheStatus

	// TTFA is the time to first audio: from sending the request to receiving
	// its first audio chunk. Zero when no chunk arrived.
	TTFA time.Duration
	// Total is the wall time from sending the request to its end, which is
	// the last audio chunk or the error. It excludes the model load time.
	Total time.Duration
	// Audio is the duration of the audio produced. Zero when there is none.
	Audio time.Duration
	// CPUTime is the user plus system CPU time that the whole process used
	// during the request, summed over all threads. Valid only when
	// CPUMeasured is true.
	CPUTime time.Duration
	// CPUMeasured reports whether CPUTime holds a measurement. The zero
	// value, false, writes blank CPU columns.
	CPUMeasured bool
	// RSSPeakBytes is the peak resident set size of the process during the
	// request, in bytes. Zero when not measured.
	RSSPeakBytes int64
	// Tokens is the number of phoneme ids fed to the model, pads excluded.
	// Zero when the engine did not report it.
	Tokens int
	// Chunks is the number of audio chunks received; 0 is a real count.
	Chunks int
	// Load is the model load time of the variant, the same on every row of
	// a variant. It is not part of Total. Zero when not measured.
	Load time.Duration
	// Error is the error message of a failed request; empty when ok.
	Error string
	// StartedAt is when the request was sent. Zero when not recorded.
	StartedAt time.Time
}

// RTF returns the real-time factor, Total divided by Audio, and whether it
// exists. Only successful requests with both durations measured have one.
// Below 1 the engine produces audio faster than it plays.
func (r Row) RTF() (float64, bool) {
	if r.Status != StatusOK || r.Total <= 0 || r.Audio <= 0 {
		return 0, false
	}
	return float64(r.Total) / float64(r.Audio), true
}

// CPUPercent returns CPUTime over Total times 100, and whether it exists.
// It exceeds 100 when the process keeps several cores busy.
func (r Row) CPUPercent() (float64, bool) {
	if !r.CPUMeasured || r.Total <= 0 {
		return 0, false
	}
	return float64(r.CPUTime) / float64(r.Total) * 100, true
}

// invalidRowError is a broken Row contract; column names the CSV column
// that holds the bad value.
type invalidRowError struct {
	column string
	msg    string
}

func (e *invalidRowError) Error() string { return e.msg }

func invalid(column, format string, args ...any) error {
	return &invalidRowError{column: column, msg: fmt.Sprintf(format, args...)}
}

// validate returns an *invalidRowError for the first field that breaks the
// Row contract. Writer.Write and ReadCSV apply the same checks, so any row
// that ReadCSV returns can be written again.
func (r Row) validate() error {
	switch {
	case r.Variant == "":
		return invalid("variant", "empty variant: set Row.Variant")
	case r.Voice == "":
		return invalid("voice", "empty voice: set Row.Voice")
	case r.PromptID == "":
		return invalid("prompt_id", "empty prompt id: set Row.PromptID")
	case r.Repetition < 1:
		return invalid("repetition", "invalid repetition %d: repetitions count from 1", r.Repetition)
	}

	switch r.Status {
	case StatusOK:
		if r.Error != "" {
			return invalid("error", "status %q with error %q: use status %q for a request that failed", r.Status, r.Error, StatusFailed)
		}
	case StatusFailed:
		if r.Error == "" {
			return invalid("error", "status %q without an error message: set Row.Error", r.Status)
		}
	default:
		return invalid("status", "invalid status %q: want %q or %q", r.Status, StatusOK, StatusFailed)
	}

	switch r.CacheStatus {
	case CacheHit, CacheMiss, CacheBypass, CacheUnknown:
	default:
		return invalid("cache_status", "invalid cache status %q: want %q, %q, %q or empty", r.CacheStatus, CacheHit, CacheMiss, CacheBypass)
	}

	for _, d := range []struct {
		column string
		value  time.Duration
	}{{"ttfa_ms", r.TTFA}, {"total_ms", r.Total}, {"audio_s", r.Audio}, {"cpu_time_ms", r.CPUTime}, {"load_ms", r.Load}} {
		if d.value < 0 {
			return invalid(d.column, "invalid duration %v: durations cannot be negative", d.value)
		}
	}
	switch {
	case r.RSSPeakBytes < 0:
		return invalid("rss_peak_mb", "invalid peak RSS %d bytes: sizes cannot be negative", r.RSSPeakBytes)
	case r.Tokens < 0:
		return invalid("tokens", "invalid token count %d: counts cannot be negative", r.Tokens)
	case r.Chunks < 0:
		return invalid("chunks", "invalid chunk count %d: counts cannot be negative", r.Chunks)
	case !r.CPUMeasured && r.CPUTime != 0:
		return invalid("cpu_time_ms", "CPU time %v is set but CPUMeasured is false: set Row.CPUMeasured", r.CPUTime)
	case r.TTFA > 0 && r.Total > 0 && r.TTFA > r.Total:
		return invalid("ttfa_ms", "time to first audio %v exceeds total time %v: the first chunk cannot arrive after the request ended", r.TTFA, r.Total)
	}
	return nil
}
