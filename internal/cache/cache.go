// Package cache locates ttsbench's per-user cache folder, where setup puts
// ONNX Runtime and the voice packs and where downloaded models land.
package cache

import (
	"os"
	"path/filepath"
)

// Versions of the packages that scripts/setup.sh installs into the cache.
const (
	ORTVersion      = "1.30.0"
	KokoroJSVersion = "1.2.1"
)

// Dir returns $XDG_CACHE_HOME/ttsbench, falling back to ~/.cache/ttsbench
// as the XDG base directory specification says.
func Dir() string {
	if d := os.Getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "ttsbench")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".cache", "ttsbench")
	}
	return filepath.Join(os.TempDir(), "ttsbench-cache")
}

// ORTLibrary returns where setup puts libonnxruntime.so.1.
func ORTLibrary() string {
	return filepath.Join(Dir(), "onnxruntime", ORTVersion, "libonnxruntime.so.1")
}

// VoicesDir returns where setup puts the voice packs shipped with kokoro-js.
func VoicesDir() string {
	return filepath.Join(Dir(), "voices", "kokoro-js-"+KokoroJSVersion)
}

// ModelsDir returns where `ttsbench models pull` and `models standin`
// put model folders by default.
func ModelsDir() string {
	return filepath.Join(Dir(), "models")
}
