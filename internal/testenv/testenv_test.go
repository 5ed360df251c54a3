package testenv

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// fatalRecorder is a testing.TB whose Fatalf records the message and stops
// the goroutine, as the real one does.
type fatalRecorder struct {
	testing.TB
	message string
}

func (r *fatalRecorder) Helper() {}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.message = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

// runRecorded calls f with a recorder and returns what it returned and the
// Fatalf message, if any.
func runRecorded(t *testing.T, f func(testing.TB) string) (string, string) {
	r := &fatalRecorder{TB: t}
	var got string
	done := make(chan struct{})
	go func() {
		defer close(done)
		got = f(r)
	}()
	<-done
	return got, r.message
}

func TestPathsFollowXDGCacheHome(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)

	if got, want := CacheDir(t), filepath.Join(cache, "ttsbench"); got != want {
		t.Errorf("CacheDir = %s, want %s", got, want)
	}

	_, msg := runRecorded(t, VoicesDir)
	if !strings.Contains(msg, "run scripts/setup.sh") {
		t.Errorf("VoicesDir on an empty cache: message %q, want a setup hint", msg)
	}
	_, msg = runRecorded(t, ORTLibrary)
	if !strings.Contains(msg, "run scripts/setup.sh") || !strings.Contains(msg, "libonnxruntime.so.1") {
		t.Errorf("ORTLibrary on an empty cache: message %q, want a setup hint naming the library", msg)
	}

	voices := filepath.Join(cache, "ttsbench", "voices", VoicesRelease)
	lib := filepath.Join(cache, "ttsbench", "onnxruntime", ORTVersion, "libonnxruntime.so.1")
	for _, p := range []string{filepath.Join(voices, ".complete"), lib} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if got, msg := runRecorded(t, VoicesDir); got != voices || msg != "" {
		t.Errorf("VoicesDir = %q, %q, want %s", got, msg, voices)
	}
	if got, msg := runRecorded(t, ORTLibrary); got != lib || msg != "" {
		t.Errorf("ORTLibrary = %q, %q, want %s", got, msg, lib)
	}
}
