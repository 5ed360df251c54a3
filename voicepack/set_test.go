package voicepack

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ttsbench/ttsbench/internal/testenv"
)

// realVoiceCount is the number of packs in npm kokoro-js 1.2.1's voices/.
const realVoiceCount = 54

// readRawPack decodes a .bin file with encoding/binary, independently of the
// package's own decoder.
func readRawPack(t *testing.T, path string) []float32 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := make([]float32, Rows*Dim)
	if err := binary.Read(f, binary.LittleEndian, rows); err != nil {
		t.Fatal(err)
	}
	return rows
}

// writeSynthDir writes one synthetic pack per name into a new folder.
func writeSynthDir(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i, name := range names {
		var buf bytes.Buffer
		if err := WriteBin(&buf, synthRows(i)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+binExt), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRealPacksFolder(t *testing.T) {
	t.Parallel()
	dir := testenv.VoicesDir(t)
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	names := s.Names()
	if len(names) != realVoiceCount {
		t.Errorf("%d voices in %s, want %d", len(names), dir, realVoiceCount)
	}
	if !slices.IsSorted(names) {
		t.Errorf("Names() is not sorted: %v", names)
	}
	for _, want := range []string{"af_heart", "af_bella", "bm_george", "zm_yunyang"} {
		if !s.Has(want) {
			t.Errorf("voice %s missing from %v", want, names)
		}
	}

	for _, name := range names {
		p, err := s.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		raw := readRawPack(t, filepath.Join(dir, name+binExt))
		for _, n := range []int{0, 1, 17, 255, 509, 510, 4000} {
			row := min(n, Rows-1)
			if !slicesEqualBits(p.Style(n), raw[row*Dim:(row+1)*Dim]) {
				t.Errorf("%s: Style(%d) differs from row %d of the file", name, n, row)
			}
		}
	}
}

func TestRealPacksNPZMatchesFolder(t *testing.T) {
	t.Parallel()
	folder, err := Open(testenv.VoicesDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer folder.Close()

	var packs []*Pack
	for _, name := range folder.Names() {
		p, err := folder.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		packs = append(packs, p)
	}
	archive := filepath.Join(t.TempDir(), "voices-v1.0.bin")
	f, err := os.Create(archive)
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteNPZ(f, packs); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	zipped, err := Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zipped.Close()
	if !slices.Equal(zipped.Names(), folder.Names()) {
		t.Fatalf("archive voices %v differ from folder voices %v", zipped.Names(), folder.Names())
	}
	for _, want := range packs {
		got, err := zipped.Get(want.Name)
		if err != nil {
			t.Fatal(err)
		}
		if !slicesEqualBits(got.rows, want.rows) {
			t.Errorf("%s: archive and folder packs differ", want.Name)
		}
	}
}

// TestNPZShapeAndVersionVariants reads an archive whose entries use the
// (510, 256) shape, NPY version 2.0 and deflate compression.
func TestNPZShapeAndVersionVariants(t *testing.T) {
	t.Parallel()
	rows := synthRows(5)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "xf_flat.npy", Method: zip.Deflate})
	if err != nil {
		t.Fatal(err)
	}
	header := npyWithHeader(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (510, 256), }\n")
	if _, err := w.Write(append(header, encodeBin(rows)...)); err != nil {
		t.Fatal(err)
	}
	if _, err := zw.Create("README.txt"); err != nil { // not a voice: ignored
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	archive := filepath.Join(t.TempDir(), "voices.zip")
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	s, err := Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := s.Names(); !slices.Equal(got, []string{"xf_flat"}) {
		t.Fatalf("Names() = %v, want [xf_flat]", got)
	}
	p, err := s.Get("xf_flat")
	if err != nil {
		t.Fatal(err)
	}
	if !slicesEqualBits(p.rows, rows) {
		t.Error("values differ from values written")
	}
}

func TestOpenSingleBin(t *testing.T) {
	t.Parallel()
	dir := writeSynthDir(t, "af_solo")
	s, err := Open(filepath.Join(dir, "af_solo.bin"))
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Names(); !slices.Equal(got, []string{"af_solo"}) {
		t.Fatalf("Names() = %v, want [af_solo]", got)
	}
	p, err := s.Get("af_solo")
	if err != nil {
		t.Fatal(err)
	}
	if !slicesEqualBits(p.rows, synthRows(0)) {
		t.Error("values differ from the file")
	}
}

func TestOpenErrors(t *testing.T) {
	t.Parallel()

	badSize := writeSynthDir(t, "af_good")
	badFile := filepath.Join(badSize, "af_short.bin")
	if err := os.WriteFile(badFile, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	noPacks := t.TempDir()
	if err := os.WriteFile(filepath.Join(noPacks, "notes.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	emptyZip := filepath.Join(t.TempDir(), "voices.bin")
	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	if _, err := zw.Create("notes.txt"); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	if err := os.WriteFile(emptyZip, zbuf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name string
		path string
		want []string // substrings of the error
	}{
		{"wrong size in folder", badSize, []string{badFile, "size 100 bytes", "expected 522240"}},
		{"folder without packs", noPacks, []string{"no .bin voice packs", noPacks}},
		{"missing path", filepath.Join(noPacks, "absent"), []string{"absent", "no such file"}},
		{"archive without npy", emptyZip, []string{"no .npy entries", emptyZip}},
		{"single file wrong size", filepath.Join(noPacks, "notes.txt"), []string{"notes.txt", "size 1 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%s) succeeded", tt.path)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestGetUnknownVoice(t *testing.T) {
	t.Parallel()
	s, err := Open(writeSynthDir(t, "af_bella", "af_heart", "af_nicole", "am_adam", "bf_isabella"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		suggestions []string
	}{
		{"af_bela", []string{"af_bella"}},              // one letter missing
		{"AF_HEART", []string{"af_heart"}},             // case
		{"bella", []string{"af_bella", "bf_isabella"}}, // substring
		{"zz", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Get(tt.name)
			var uv *UnknownVoiceError
			if !errors.As(err, &uv) {
				t.Fatalf("err = %v, want *UnknownVoiceError", err)
			}
			if !errors.Is(err, ErrUnknownVoice) {
				t.Error("error does not wrap ErrUnknownVoice")
			}
			if !slices.Equal(uv.Suggestions, tt.suggestions) {
				t.Errorf("Suggestions = %v, want %v", uv.Suggestions, tt.suggestions)
			}
			if uv.Count != 5 || uv.Source != s.Source() {
				t.Errorf("Count, Source = %d, %q, want 5, %q", uv.Count, uv.Source, s.Source())
			}
			for _, w := range append([]string{tt.name}, tt.suggestions...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestMatch(t *testing.T) {
	t.Parallel()
	s, err := Open(writeSynthDir(t, "af_bella", "af_heart", "am_adam", "bf_emma", "bm_george"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		patterns []string
		want     []string
		wantErr  string // substring, "" when no error is expected
	}{
		// Normal cases.
		{"prefix glob", []string{"af_*"}, []string{"af_bella", "af_heart"}, ""},
		{"all", []string{"*"}, []string{"af_bella", "af_heart", "am_adam", "bf_emma", "bm_george"}, ""},
		{"character class", []string{"?m_*"}, []string{"am_adam", "bm_george"}, ""},
		{"pattern order kept", []string{"bm_george", "af_*"}, []string{"bm_george", "af_bella", "af_heart"}, ""},
		{"duplicates removed", []string{"af_heart", "af_*", "*_heart"}, []string{"af_heart", "af_bella"}, ""},
		{"blend kept as written", []string{"af_bella.6+am_adam.4"}, []string{"af_bella.6+am_adam.4"}, ""},
		{"none", nil, nil, ""},

		// Errors.
		{"no match", []string{"zf_*"}, nil, `pattern "zf_*" matches no voice`},
		{"unknown name", []string{"af_bela"}, nil, "did you mean af_bella"},
		{"bad pattern", []string{"af_["}, nil, "invalid voice pattern"},
		{"blend with unknown voice", []string{"af_bella+af_sky"}, nil, `voice "af_sky" not found`},
		{"bad blend", []string{"af_bella(x)"}, nil, "weight is not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Match(tt.patterns)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Match(%q) = %v, want %v", tt.patterns, got, tt.want)
			}
		})
	}
}

// TestConcurrentGet loads every voice of an archive from several goroutines
// at once; run with -race.
func TestConcurrentGet(t *testing.T) {
	t.Parallel()
	names := []string{"af_a", "af_b", "am_c", "bf_d"}
	var packs []*Pack
	for i, name := range names {
		packs = append(packs, mustPack(t, name, synthRows(i)))
	}
	archive := filepath.Join(t.TempDir(), "voices.bin")
	var buf bytes.Buffer
	if err := WriteNPZ(&buf, packs); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	const workers = 8
	got := make([][]*Pack, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for _, name := range append(names, "af_a(1)+am_c(3)") {
				p, err := s.Get(name)
				if err != nil {
					t.Error(err)
					return
				}
				got[w] = append(got[w], p)
			}
		})
	}
	wg.Wait()

	for w := 1; w < workers; w++ {
		if !slices.Equal(got[w], got[0]) {
			t.Errorf("worker %d got different *Pack values than worker 0", w)
		}
	}
}

func TestCloseArchive(t *testing.T) {
	t.Parallel()
	archive := filepath.Join(t.TempDir(), "voices.bin")
	var buf bytes.Buffer
	if err := WriteNPZ(&buf, []*Pack{mustPack(t, "af_a", synthRows(1)), mustPack(t, "af_b", synthRows(2))}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(archive, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := s.Get("af_a")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	if p, err := s.Get("af_a"); err != nil || p != loaded {
		t.Errorf("Get of a loaded voice after Close = %p, %v, want %p, nil", p, err, loaded)
	}
	if _, err := s.Get("af_b"); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("Get of an unloaded voice after Close: err = %v, want one saying the set is closed", err)
	}
}
