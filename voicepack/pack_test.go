package voicepack

import (
	"bytes"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// synthRows returns Rows × Dim values that differ between seeds and rows, so
// that a wrong row or voice shows up as a mismatch.
func synthRows(seed int) []float32 {
	rows := make([]float32, Rows*Dim)
	for i := range rows {
		rows[i] = float32((i*7+seed*131)%1009-504) / 512
	}
	return rows
}

func mustPack(t testing.TB, name string, rows []float32) *Pack {
	t.Helper()
	p, err := NewPack(name, rows)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestStyleRowSelection(t *testing.T) {
	t.Parallel()
	p := mustPack(t, "test", synthRows(1))
	tests := []struct {
		n, row int
	}{
		// Normal lengths select row n.
		{0, 0},
		{1, 1},
		{42, 42},
		{509, 509},
		// Lengths past the last row clamp to it, like kokoro-js.
		{510, 509},
		{100000, 509},
		// Negative lengths select row 0.
		{-1, 0},
		{math.MinInt, 0},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.n), func(t *testing.T) {
			got := p.Style(tt.n)
			want := p.rows[tt.row*Dim : (tt.row+1)*Dim]
			if !slicesEqualBits(got, want) {
				t.Errorf("Style(%d) is not row %d", tt.n, tt.row)
			}
			if len(got) != Dim {
				t.Errorf("len(Style(%d)) = %d, want %d", tt.n, len(got), Dim)
			}
		})
	}
}

func TestStyleReturnsCopy(t *testing.T) {
	t.Parallel()
	p := mustPack(t, "test", synthRows(1))
	want := p.rows[3*Dim]
	p.Style(3)[0] = 12345
	if p.rows[3*Dim] != want {
		t.Error("changing the slice Style returned changed the pack")
	}
}

func TestNewPackValidation(t *testing.T) {
	t.Parallel()
	if _, err := NewPack("short", make([]float32, Rows*Dim-1)); !errors.Is(err, ErrInvalidPack) {
		t.Errorf("NewPack with %d values: err = %v, want ErrInvalidPack", Rows*Dim-1, err)
	}
	rows := synthRows(2)
	rows[5*Dim+7] = float32(math.NaN())
	_, err := NewPack("nan", rows)
	if !errors.Is(err, ErrInvalidPack) {
		t.Fatalf("NewPack with NaN: err = %v, want ErrInvalidPack", err)
	}
	if !strings.Contains(err.Error(), "row 5, column 7") {
		t.Errorf("NewPack with NaN: error %q does not name row 5, column 7", err)
	}
}

func TestBinRoundTrip(t *testing.T) {
	t.Parallel()
	rows := synthRows(3)
	var buf bytes.Buffer
	if err := WriteBin(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != BinSizeBytes {
		t.Fatalf("WriteBin wrote %d bytes, want %d", buf.Len(), BinSizeBytes)
	}
	p, err := ReadBin(&buf, "af_test")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "af_test" {
		t.Errorf("Name = %q, want af_test", p.Name)
	}
	if !slicesEqualBits(p.Values(), rows) {
		t.Error("values read back differ from values written")
	}
}

func TestBinLittleEndian(t *testing.T) {
	t.Parallel()
	rows := make([]float32, Rows*Dim)
	rows[0] = 1 // 0x3f800000
	var buf bytes.Buffer
	if err := WriteBin(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if got := buf.Bytes()[:4]; !bytes.Equal(got, []byte{0, 0, 0x80, 0x3f}) {
		t.Errorf("1.0 encoded as % x, want 00 00 80 3f", got)
	}
}

func TestReadBinFileWrongSize(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, BinSizeBytes - 4, BinSizeBytes + 1} {
		t.Run(strconv.Itoa(size), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "af_bad.bin")
			if err := os.WriteFile(path, make([]byte, size), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadBinFile(path)
			if !errors.Is(err, ErrInvalidPack) {
				t.Fatalf("err = %v, want ErrInvalidPack", err)
			}
			for _, want := range []string{path, strconv.Itoa(size) + " bytes", strconv.Itoa(BinSizeBytes)} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not contain %q", err, want)
				}
			}
		})
	}
}

func TestWriteBinWrongLength(t *testing.T) {
	t.Parallel()
	if err := WriteBin(&bytes.Buffer{}, make([]float32, 10)); !errors.Is(err, ErrInvalidPack) {
		t.Errorf("err = %v, want ErrInvalidPack", err)
	}
}

func TestRowPanicsOutOfRange(t *testing.T) {
	t.Parallel()
	p := mustPack(t, "test", synthRows(1))
	defer func() {
		if recover() == nil {
			t.Error("Row(510) did not panic")
		}
	}()
	p.Row(Rows)
}

// slicesEqualBits reports whether a and b hold the same float32 bit patterns.
func slicesEqualBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}
