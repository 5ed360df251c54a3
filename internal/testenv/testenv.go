// Package testenv finds the files that scripts/setup.sh caches for tests: the
// real Kokoro voice packs and the ONNX Runtime shared library. A test that
// needs one fails with a hint to run the setup script when it is missing,
// rather than skipping, so that a machine without them cannot pass silently.
package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

const (
	// ORTVersion is the ONNX Runtime version that scripts/setup.sh installs.
	ORTVersion = "1.30.0"
	// VoicesRelease names the kokoro-js release whose voices/ folder
	// scripts/setup.sh unpacks.
	VoicesRelease = "kokoro-js-1.2.1"
)

// CacheDir returns the folder scripts/setup.sh fills:
// $XDG_CACHE_HOME/ttsbench, or ~/.cache/ttsbench when XDG_CACHE_HOME is unset.
// It fails the test when neither can be determined.
func CacheDir(t testing.TB) string {
	t.Helper()
	base, err := os.UserCacheDir()
	if err != nil {
		t.Fatalf("testenv: find the cache folder that scripts/setup.sh fills: %v", err)
	}
	return filepath.Join(base, "ttsbench")
}

// VoicesDir returns the folder of the 54 real Kokoro voice packs (NAME.bin)
// that scripts/setup.sh unpacks from npm kokoro-js 1.2.1. It fails the test
// when the folder is incomplete.
func VoicesDir(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(CacheDir(t), "voices", VoicesRelease)
	// setup.sh writes the marker after the last pack, so a folder without it
	// may hold a partial copy.
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err != nil {
		t.Fatalf("testenv: voice packs missing from %s (%v); run scripts/setup.sh to install them", dir, err)
	}
	return dir
}

// ORTLibrary returns the absolute path of the ONNX Runtime shared library
// that scripts/setup.sh installs. It fails the test when the file is missing.
func ORTLibrary(t testing.TB) string {
	t.Helper()
	lib := filepath.Join(CacheDir(t), "onnxruntime", ORTVersion, "libonnxruntime.so.1")
	if _, err := os.Stat(lib); err != nil {
		t.Fatalf("testenv: ONNX Runtime library missing (%v); run scripts/setup.sh to install it", err)
	}
	return lib
}
