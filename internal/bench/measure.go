package bench

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/ttsbench/ttsbench/kokoro"
)

// Synthesizer is the part of the engine a measurement needs. Tests supply
// fakes with known timings.
type Synthesizer interface {
	Stream(ctx context.Context, req kokoro.Request, fn func(kokoro.Chunk) error) (kokoro.Summary, error)
}

// Measurement is what one request cost, seen from outside the engine.
type Measurement struct {
	Cache      kokoro.CacheStatus `json:"cache_status"`
	FirstAudio time.Duration      `json:"ttfa_ns"`   // request start to the first chunk handed over
	Total      time.Duration      `json:"total_ns"`  // request start to the return of the last chunk
	Audio      time.Duration      `json:"audio_ns"`  // length of the audio produced
	CPU        time.Duration      `json:"cpu_ns"`    // process user+system CPU time during the request
	RSSPeak    int64              `json:"rss_peak"`  // bytes; peak resident set during the request
	RSSScope   string             `json:"rss_scope"` // "request" when the peak was reset first, else "process"
	Tokens     int                `json:"tokens"`    // phoneme ids, pads excluded
	Chunks     int                `json:"chunks"`    // chunks streamed
	Err        string             `json:"error,omitempty"`
}

// Measure runs req once and records its latency, CPU and memory. The Go
// heap is collected before the clock starts so that a collection owed by
// earlier work is not charged to this request.
func Measure(ctx context.Context, s Synthesizer, req kokoro.Request) Measurement {
	var m Measurement
	runtime.GC()
	m.RSSScope = "process"
	if resetPeakRSS() == nil {
		m.RSSScope = "request"
	}

	cpu0 := processCPU()
	start := time.Now()
	var samples int
	sum, err := s.Stream(ctx, req, func(c kokoro.Chunk) error {
		if samples == 0 && m.Chunks == 0 {
			m.FirstAudio = time.Since(start)
		}
		m.Chunks++
		samples += len(c.Audio)
		return nil
	})
	m.Total = time.Since(start)
	m.CPU = processCPU() - cpu0
	m.RSSPeak = peakRSS()

	m.Cache = sum.Cache
	m.Tokens = sum.Tokens
	m.Audio = time.Duration(samples) * time.Second / kokoro.SampleRate
	if err != nil {
		m.Err = err.Error()
	}
	return m
}

// processCPU returns the user plus system CPU time this process has used,
// all threads included (ORT's pool threads are threads of this process).
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS sets the kernel's peak resident set (VmHWM) back to the
// current resident set, so the next reading is the peak since now. Linux
// supports this from 4.0 on by writing 5 to /proc/self/clear_refs.
func resetPeakRSS() error {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// peakRSS returns VmHWM from /proc/self/status in bytes, falling back to
// getrusage's lifetime maximum where /proc is absent.
func peakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			line := sc.Bytes()
			if !bytes.HasPrefix(line, []byte("VmHWM:")) {
				continue
			}
			f := bytes.Fields(line[len("VmHWM:"):])
			if len(f) >= 1 {
				if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
					return kb * 1024
				}
			}
		}
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		return ru.Maxrss * 1024
	}
	return 0
}
