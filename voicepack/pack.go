// Package voicepack loads Kokoro voice packs: the style vectors that the
// Kokoro-82M model takes as its "style" input, one 256-float row for each
// utterance length.
//
// Three layouts are read: a single raw NAME.bin file, a folder of such files
// (as in the voices/ folder of onnx-community/Kokoro-82M-v1.0-ONNX or npm
// kokoro-js), and kokoro-onnx's voices-v1.0.bin, which is a ZIP of NumPy .npy
// arrays. Voices can be blended by weighted average ("af_bella(2)+af_sky(1)").
//
// The package reads and writes voice data only. It does not choose a voice for
// a language or run the model.
package voicepack

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
)

const (
	// Rows is the number of style rows in a pack: one per utterance length of
	// 0 to 509 phoneme ids.
	Rows = 510
	// Dim is the length of one style vector, in float32 values.
	Dim = 256
	// BinSizeBytes is the size of a raw .bin pack: Rows × Dim little-endian float32.
	BinSizeBytes = Rows * Dim * 4
)

// ErrInvalidPack is wrapped by every error about the content of a pack: a wrong
// size, shape or dtype, or a value that is not finite.
var ErrInvalidPack = errors.New("invalid voice pack")

// A Pack is one voice: Rows style vectors of Dim float32 values each.
// A Pack is immutable after creation and safe for concurrent use.
type Pack struct {
	// Name is the voice name, such as "af_bella", or the canonical form of a
	// blend, such as "af_bella(0.6)+af_sky(0.4)".
	Name string

	rows []float32 // Rows*Dim values, row-major
}

// NewPack returns a pack named name holding a copy of rows, which must contain
// Rows × Dim finite values in row-major order.
func NewPack(name string, rows []float32) (*Pack, error) {
	if len(rows) != Rows*Dim {
		return nil, fmt.Errorf("voicepack: %w %q: %d values, expected %d (%d rows × %d)",
			ErrInvalidPack, name, len(rows), Rows*Dim, Rows, Dim)
	}
	if err := checkFinite(name, rows); err != nil {
		return nil, err
	}
	return &Pack{Name: name, rows: append([]float32(nil), rows...)}, nil
}

// Style returns a copy of the style vector for an utterance of n phoneme ids,
// not counting the pad ids at both ends: row min(n, Rows-1), or row 0 when n is
// negative. This is the row kokoro-js 1.2.1 picks.
func (p *Pack) Style(n int) []float32 {
	return p.Row(min(max(n, 0), Rows-1))
}

// Row returns a copy of row i of the pack. It panics if i is outside [0, Rows).
func (p *Pack) Row(i int) []float32 {
	if i < 0 || i >= Rows {
		panic(fmt.Sprintf("voicepack: row %d out of range [0, %d)", i, Rows))
	}
	return append([]float32(nil), p.rows[i*Dim:(i+1)*Dim]...)
}

// Values returns a copy of all Rows × Dim values in row-major order.
func (p *Pack) Values() []float32 {
	return append([]float32(nil), p.rows...)
}

// ReadBinFile reads a raw pack file. The voice is named after the file, less
// its extension.
func ReadBinFile(path string) (*Pack, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("voicepack: read voice: %w", err)
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	rows, err := decodeBin(path, b)
	if err != nil {
		return nil, err
	}
	return &Pack{Name: name, rows: rows}, nil
}

// ReadBin reads a raw pack, exactly BinSizeBytes of little-endian float32, from
// r and names it name.
func ReadBin(r io.Reader, name string) (*Pack, error) {
	// Read one byte past the expected size so that a longer input is caught.
	b, err := io.ReadAll(io.LimitReader(r, BinSizeBytes+1))
	if err != nil {
		return nil, fmt.Errorf("voicepack: read voice %q: %w", name, err)
	}
	rows, err := decodeBin(name, b)
	if err != nil {
		return nil, err
	}
	return &Pack{Name: name, rows: rows}, nil
}

// decodeBin converts raw little-endian float32 bytes into pack rows. source
// names the file or voice in errors.
func decodeBin(source string, b []byte) ([]float32, error) {
	if len(b) != BinSizeBytes {
		return nil, fmt.Errorf("voicepack: %w %s: size %d bytes, expected %d (%d × %d little-endian float32)",
			ErrInvalidPack, source, len(b), BinSizeBytes, Rows, Dim)
	}
	rows := make([]float32, Rows*Dim)
	for i := range rows {
		rows[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	if err := checkFinite(source, rows); err != nil {
		return nil, err
	}
	return rows, nil
}

// checkFinite rejects NaN and infinite values, which would turn every sample
// the model produces with that row into NaN.
func checkFinite(source string, rows []float32) error {
	for i, v := range rows {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return fmt.Errorf("voicepack: %w %s: value %v at row %d, column %d is not finite",
				ErrInvalidPack, source, v, i/Dim, i%Dim)
		}
	}
	return nil
}

// WriteBin writes rows, which must contain Rows × Dim values, as a raw pack of
// little-endian float32.
func WriteBin(w io.Writer, rows []float32) error {
	if len(rows) != Rows*Dim {
		return fmt.Errorf("voicepack: write pack: %w: %d values, expected %d (%d rows × %d)",
			ErrInvalidPack, len(rows), Rows*Dim, Rows, Dim)
	}
	if _, err := w.Write(encodeBin(rows)); err != nil {
		return fmt.Errorf("voicepack: write pack: %w", err)
	}
	return nil
}

func encodeBin(rows []float32) []byte {
	b := make([]byte, 4*len(rows))
	for i, v := range rows {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
	}
	return b
}
