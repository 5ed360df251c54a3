package ort

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// isolate points every place FindLibrary looks at empty folders, so the
// machine's own installation cannot decide the test's result.
func isolate(t *testing.T) (cacheHome string) {
	t.Helper()
	cacheHome = t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cacheHome)
	t.Setenv(EnvLibrary, "")
	t.Setenv("LD_LIBRARY_PATH", "")
	for _, dir := range systemLibDirs() {
		for _, name := range []string{libraryName, "libonnxruntime.so"} {
			if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
				t.Skipf("%s is installed system-wide, so FindLibrary cannot miss here", filepath.Join(dir, name))
			}
		}
	}
	return cacheHome
}

func touch(t *testing.T, path string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFindLibraryFlagWins(t *testing.T) {
	cacheHome := isolate(t)
	touch(t, filepath.Join(cacheHome, "ttsbench", "onnxruntime", "1.30.0", libraryName))
	env := touch(t, filepath.Join(t.TempDir(), "env.so"))
	t.Setenv(EnvLibrary, env)
	flag := touch(t, filepath.Join(t.TempDir(), "flag.so"))

	got, err := FindLibrary(flag)
	if err != nil {
		t.Fatal(err)
	}
	if got != flag {
		t.Errorf("FindLibrary = %q, want the flag's %q", got, flag)
	}
}

func TestFindLibraryRelativeFlag(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	touch(t, filepath.Join(dir, "lib.so"))
	t.Chdir(dir)
	got, err := FindLibrary("lib.so")
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(got) || filepath.Base(got) != "lib.so" {
		t.Errorf("FindLibrary(lib.so) = %q, want an absolute path", got)
	}
}

func TestFindLibraryMissingFlag(t *testing.T) {
	cacheHome := isolate(t)
	// A cached library exists, but a wrong flag must not fall back to it.
	touch(t, filepath.Join(cacheHome, "ttsbench", "onnxruntime", "1.30.0", libraryName))
	_, err := FindLibrary("/no/such/libonnxruntime.so.1")
	if !errors.Is(err, ErrLibraryNotFound) {
		t.Fatalf("err = %v, want ErrLibraryNotFound", err)
	}
	if !strings.Contains(err.Error(), "--ort-lib") || !strings.Contains(err.Error(), "/no/such/libonnxruntime.so.1") {
		t.Errorf("err = %q, want the flag and the path named", err)
	}
}

func TestFindLibraryFolderFlag(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	_, err := FindLibrary(dir)
	if err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("err = %v, want a message that the path is a folder", err)
	}
}

func TestFindLibraryEnv(t *testing.T) {
	isolate(t)
	env := touch(t, filepath.Join(t.TempDir(), "env.so"))
	t.Setenv(EnvLibrary, env)
	got, err := FindLibrary("")
	if err != nil {
		t.Fatal(err)
	}
	if got != env {
		t.Errorf("FindLibrary = %q, want $%s = %q", got, EnvLibrary, env)
	}

	t.Setenv(EnvLibrary, "/no/such/lib.so")
	_, err = FindLibrary("")
	if !errors.Is(err, ErrLibraryNotFound) || !strings.Contains(err.Error(), EnvLibrary) {
		t.Errorf("missing $%s file: err = %v, want ErrLibraryNotFound naming the variable", EnvLibrary, err)
	}
}

func TestFindLibraryCache(t *testing.T) {
	cacheHome := isolate(t)
	want := touch(t, filepath.Join(cacheHome, "ttsbench", "onnxruntime", "1.30.0", libraryName))
	got, err := FindLibrary("")
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("FindLibrary = %q, want the cached %q", got, want)
	}
}

func TestFindLibraryLoaderPath(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	want := touch(t, filepath.Join(dir, "libonnxruntime.so"))
	t.Setenv("LD_LIBRARY_PATH", "::"+dir)
	got, err := FindLibrary("")
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("FindLibrary = %q, want %q from LD_LIBRARY_PATH", got, want)
	}
}

func TestFindLibraryNotFound(t *testing.T) {
	isolate(t)
	_, err := FindLibrary("")
	if !errors.Is(err, ErrLibraryNotFound) {
		t.Fatalf("err = %v, want ErrLibraryNotFound", err)
	}
	if !strings.Contains(err.Error(), "scripts/setup.sh") {
		t.Errorf("err = %q, want the setup script suggested", err)
	}
}
