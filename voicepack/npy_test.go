package voicepack

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// The .hdr files in testdata/npy are the bytes before the array data of
// arrays written by numpy 1.24.2 (numpy.lib.format.write_array).
func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "npy", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadNPYHeaderNumPyFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file         string
		major        uint8
		descr        string
		fortranOrder bool
		shape        []int
		packErr      string // substring of checkNPYPackHeader's error, "" for none
	}{
		// Headers that voice packs use.
		{"v1.0.hdr", 1, "<f4", false, []int{510, 1, 256}, ""},
		{"v2.0.hdr", 2, "<f4", false, []int{510, 1, 256}, ""},
		{"v3.0.hdr", 3, "<f4", false, []int{510, 1, 256}, ""},
		{"shape-510x256.hdr", 1, "<f4", false, []int{510, 256}, ""},
		// Valid NPY headers that are not voice packs.
		{"fortran.hdr", 1, "<f4", true, []int{510, 256}, "fortran_order True"},
		{"float64.hdr", 1, "<f8", false, []int{510, 1, 256}, `dtype "<f8"`},
		{"big-endian.hdr", 1, ">f4", false, []int{510, 1, 256}, `dtype ">f4"`},
		{"shape-510x2x256.hdr", 1, "<f4", false, []int{510, 2, 256}, "shape (510, 2, 256)"},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			b := readFixture(t, tt.file)
			r := bytes.NewReader(b)
			h, err := readNPYHeader(r)
			if err != nil {
				t.Fatal(err)
			}
			if r.Len() != 0 {
				t.Errorf("%d header bytes left unread", r.Len())
			}
			if h.major != tt.major || h.minor != 0 {
				t.Errorf("version = %d.%d, want %d.0", h.major, h.minor, tt.major)
			}
			if h.descr != tt.descr {
				t.Errorf("descr = %q, want %q", h.descr, tt.descr)
			}
			if h.fortranOrder != tt.fortranOrder {
				t.Errorf("fortran_order = %v, want %v", h.fortranOrder, tt.fortranOrder)
			}
			if !slices.Equal(h.shape, tt.shape) {
				t.Errorf("shape = %v, want %v", h.shape, tt.shape)
			}

			err = checkNPYPackHeader(h)
			switch {
			case tt.packErr == "" && err != nil:
				t.Errorf("checkNPYPackHeader: %v", err)
			case tt.packErr != "" && (err == nil || !strings.Contains(err.Error(), tt.packErr)):
				t.Errorf("checkNPYPackHeader: err = %v, want one containing %q", err, tt.packErr)
			}
		})
	}
}

func TestEncodeNPYHeaderMatchesNumPy(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		file  string
		shape []int
	}{
		{"v1.0.hdr", []int{510, 1, 256}},
		{"shape-510x256.hdr", []int{510, 256}},
	} {
		if got, want := encodeNPYHeader(tt.shape), readFixture(t, tt.file); !bytes.Equal(got, want) {
			t.Errorf("encodeNPYHeader(%v) =\n%q\nwant (numpy's)\n%q", tt.shape, got, want)
		}
	}
}

// npyWithHeader builds an NPY preamble of the given version around dict.
func npyWithHeader(major uint8, dict string) []byte {
	var b bytes.Buffer
	b.WriteString(npyMagic)
	b.Write([]byte{major, 0})
	if major == 1 {
		_ = binary.Write(&b, binary.LittleEndian, uint16(len(dict)))
	} else {
		_ = binary.Write(&b, binary.LittleEndian, uint32(len(dict)))
	}
	b.WriteString(dict)
	return b.Bytes()
}

func TestReadNPYHeaderSyntax(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input []byte
		shape []int // nil when an error is expected
	}{
		// Accepted variations of NumPy's format.
		{"no trailing comma", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (510, 256)}\n"), []int{510, 256}},
		{"double quotes", npyWithHeader(1, `{"descr": "<f4", "fortran_order": False, "shape": (510, 256)}`), []int{510, 256}},
		{"keys reordered", npyWithHeader(1, "{'shape': (510,1,256), 'fortran_order': False, 'descr': '<f4'}"), []int{510, 1, 256}},
		{"python 2 longs", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (510L, 256L), }"), []int{510, 256}},
		{"one-dimensional", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (7,), }"), []int{7}},
		{"scalar", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (), }"), []int{}},
		{"null padding", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\x00\x00"), []int{1}},

		// Rejected inputs.
		{"empty", nil, nil},
		{"bad magic", []byte("\x93NUMPX\x01\x00\x10\x00{}"), nil},
		{"version 4", npyWithHeader(4, "{}"), nil},
		{"truncated length", []byte(npyMagic + "\x02\x00\x10"), nil},
		{"truncated header", npyWithHeader(1, "{'descr': '<f4'")[:20], nil},
		{"huge header length", []byte(npyMagic + "\x02\x00\xff\xff\xff\xff"), nil},
		{"missing shape", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False}"), nil},
		{"extra key", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"), nil},
		{"duplicate key", npyWithHeader(1, "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (1,)}"), nil},
		{"structured dtype", npyWithHeader(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}"), nil},
		{"negative dimension", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}"), nil},
		{"dimension overflow", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999,)}"), nil},
		{"lowercase bool", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': false, 'shape': (1,)}"), nil},
		{"unterminated dict", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)"), nil},
		{"text after dict", npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x"), nil},
		{"escape in string", npyWithHeader(1, `{'descr': '<f\4', 'fortran_order': False, 'shape': (1,)}`), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, err := readNPYHeader(bytes.NewReader(tt.input))
			if tt.shape == nil {
				if err == nil {
					t.Fatalf("readNPYHeader accepted %q with shape %v", tt.input, h.shape)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(h.shape, tt.shape) {
				t.Errorf("shape = %v, want %v", h.shape, tt.shape)
			}
		})
	}
}

// TestPackErrorMessages pins the wording of the errors a user sees for a bad
// .npy entry; run with -update after an intended change.
func TestPackErrorMessages(t *testing.T) {
	t.Parallel()
	data := encodeBin(synthRows(1))
	cases := []struct {
		name  string
		input []byte
	}{
		{"bad magic", []byte("PK\x03\x04 not an npy file")},
		{"version 4", npyWithHeader(4, "{}")},
		{"float64", append(readFixture(t, "float64.hdr"), data...)},
		{"fortran order", append(readFixture(t, "fortran.hdr"), data...)},
		{"wrong shape", append(readFixture(t, "shape-510x2x256.hdr"), data...)},
		{"short data", append(readFixture(t, "v1.0.hdr"), data[:1000]...)},
		{"long data", append(readFixture(t, "v1.0.hdr"), append(data, 0, 0, 0, 0)...)},
	}
	var got strings.Builder
	for _, c := range cases {
		_, err := readNPYPack(bytes.NewReader(c.input), "voices.bin:af_bad.npy")
		if !errors.Is(err, ErrInvalidPack) {
			t.Errorf("%s: err = %v, want ErrInvalidPack", c.name, err)
		}
		fmt.Fprintf(&got, "%s: %v\n", c.name, err)
	}

	golden := filepath.Join("testdata", t.Name()+".golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got.String() != string(want) {
		t.Errorf("error messages differ from %s:\ngot:\n%s\nwant:\n%s", golden, got.String(), want)
	}
}

func TestNPYPackRoundTrip(t *testing.T) {
	t.Parallel()
	rows := synthRows(4)
	var buf bytes.Buffer
	if err := WriteNPY(&buf, rows); err != nil {
		t.Fatal(err)
	}
	got, err := readNPYPack(&buf, "test.npy")
	if err != nil {
		t.Fatal(err)
	}
	if !slicesEqualBits(got, rows) {
		t.Error("values read back differ from values written")
	}
}

// TestNumPySavez reads an archive written by numpy.savez_compressed, with one
// (510, 1, 256) and one (510, 256) array whose values follow a formula.
func TestNumPySavez(t *testing.T) {
	t.Parallel()
	s, err := Open(filepath.Join("testdata", "numpy-savez.npz"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got, want := s.Names(), []string{"af_ramp", "bm_wave"}; !slices.Equal(got, want) {
		t.Fatalf("Names() = %v, want %v", got, want)
	}

	formulas := map[string]func(r, c int) float32{
		"af_ramp": func(r, c int) float32 { return float32(r*256+c) / 1024 },
		"bm_wave": func(r, c int) float32 { return float32((r*7+c*3)%101-50) / 64 },
	}
	for name, f := range formulas {
		p, err := s.Get(name)
		if err != nil {
			t.Fatal(err)
		}
		for r := range Rows {
			row := p.Row(r)
			for c := range Dim {
				if row[c] != f(r, c) {
					t.Fatalf("%s[%d][%d] = %v, want %v", name, r, c, row[c], f(r, c))
				}
			}
		}
	}
}

func TestWriteNPZLayout(t *testing.T) {
	t.Parallel()
	packs := []*Pack{mustPack(t, "bf_one", synthRows(1)), mustPack(t, "af_two", synthRows(2))}
	var buf bytes.Buffer
	if err := WriteNPZ(&buf, packs); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Method != zip.Store {
			t.Errorf("%s: method %d, want %d (stored, as numpy.savez writes)", f.Name, f.Method, zip.Store)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		h, err := readNPYHeader(rc)
		if err != nil {
			t.Fatal(err)
		}
		rest, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(h.shape, []int{Rows, 1, Dim}) || len(rest) != BinSizeBytes {
			t.Errorf("%s: shape %v with %d data bytes, want [510 1 256] with %d", f.Name, h.shape, len(rest), BinSizeBytes)
		}
	}
	if want := []string{"bf_one.npy", "af_two.npy"}; !slices.Equal(names, want) {
		t.Errorf("entries = %v, want %v", names, want)
	}
}

func TestWriteNPZRejectsBadNames(t *testing.T) {
	t.Parallel()
	for _, packs := range [][]*Pack{
		{mustPack(t, "a/b", synthRows(1))},
		{mustPack(t, "", synthRows(1))},
		{mustPack(t, "af_x", synthRows(1)), mustPack(t, "af_x", synthRows(2))},
	} {
		if err := WriteNPZ(io.Discard, packs); err == nil {
			t.Errorf("WriteNPZ accepted names %q, %d packs", packs[0].Name, len(packs))
		}
	}
}

// FuzzReadNPYHeader checks that the header parser never panics and that any
// header it accepts survives a write and read by this package's encoder.
func FuzzReadNPYHeader(f *testing.F) {
	for _, name := range []string{"v1.0.hdr", "v2.0.hdr", "v3.0.hdr", "fortran.hdr", "shape-510x256.hdr"} {
		b, err := os.ReadFile(filepath.Join("testdata", "npy", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(npyWithHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (510L, 256L)}"))
	f.Add(npyWithHeader(2, `{"shape": (), "descr": "<f4", "fortran_order": True}`))

	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := readNPYHeader(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, d := range h.shape {
			if d < 0 {
				t.Fatalf("accepted negative dimension in %v", h.shape)
			}
		}
		if h.descr != npyDtype || h.fortranOrder {
			return
		}
		again, err := readNPYHeader(bytes.NewReader(encodeNPYHeader(h.shape)))
		if err != nil {
			t.Fatalf("re-encoded header for shape %v: %v", h.shape, err)
		}
		if !slices.Equal(again.shape, h.shape) {
			t.Fatalf("shape %v became %v after re-encoding", h.shape, again.shape)
		}
	})
}
