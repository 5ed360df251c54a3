package ort

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ttsbench/ttsbench/internal/cache"
)

// EnvLibrary names the environment variable that points at libonnxruntime.
const EnvLibrary = "TTSBENCH_ORT_LIB"

// libraryName is the file name the onnxruntime-node package ships and the
// system loader looks for.
const libraryName = "libonnxruntime.so.1"

// ErrLibraryNotFound is returned by FindLibrary when no candidate exists.
var ErrLibraryNotFound = errors.New("ort: libonnxruntime.so.1 not found")

// FindLibrary returns the absolute path of the ONNX Runtime shared library.
// It looks, in order, at flagPath (when not empty), the TTSBENCH_ORT_LIB
// environment variable, the per-user cache that scripts/setup.sh fills, and
// the system loader path (LD_LIBRARY_PATH, then the usual lib folders).
// An explicit flag or variable that names a missing file is an error rather
// than a reason to look further, so a typo is never silently replaced.
func FindLibrary(flagPath string) (string, error) {
	if flagPath != "" {
		return existing(flagPath, "--ort-lib")
	}
	if p := os.Getenv(EnvLibrary); p != "" {
		return existing(p, EnvLibrary)
	}
	candidates := []string{cache.ORTLibrary()}
	for _, dir := range systemLibDirs() {
		candidates = append(candidates, filepath.Join(dir, libraryName), filepath.Join(dir, "libonnxruntime.so"))
	}
	for _, c := range candidates {
		if fi, err := os.Stat(c); err == nil && !fi.IsDir() {
			return filepath.Abs(c)
		}
	}
	return "", fmt.Errorf("%w: looked at the --ort-lib flag, $%s, %s and the system loader path (%s); run scripts/setup.sh or pass --ort-lib /path/to/libonnxruntime.so.1",
		ErrLibraryNotFound, EnvLibrary, cache.ORTLibrary(), strings.Join(systemLibDirs(), ":"))
}

func existing(p, source string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", fmt.Errorf("ort: resolve %s %q: %w", source, p, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", fmt.Errorf("%w: %s names %q, which does not exist; fix the path or unset it to use the cache", ErrLibraryNotFound, source, p)
	}
	if fi.IsDir() {
		return "", fmt.Errorf("ort: %s names the folder %q; give the path of libonnxruntime.so.1 itself", source, p)
	}
	return abs, nil
}

func systemLibDirs() []string {
	var dirs []string
	for _, d := range filepath.SplitList(os.Getenv("LD_LIBRARY_PATH")) {
		if d != "" {
			dirs = append(dirs, d)
		}
	}
	return append(dirs, "/usr/local/lib", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")
}
