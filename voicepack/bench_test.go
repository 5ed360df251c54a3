package voicepack

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ttsbench/ttsbench/internal/testenv"
)

// BenchmarkLoadPack measures reading one real pack from a cold Set, from a
// folder of .bin files and from a ZIP of .npy entries.
func BenchmarkLoadPack(b *testing.B) {
	dir := testenv.VoicesDir(b)
	folder, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	p, err := folder.Get("af_heart")
	if err != nil {
		b.Fatal(err)
	}
	archive := filepath.Join(b.TempDir(), "voices.bin")
	f, err := os.Create(archive)
	if err != nil {
		b.Fatal(err)
	}
	if err := WriteNPZ(f, []*Pack{p}); err != nil {
		b.Fatal(err)
	}
	f.Close()

	for _, bc := range []struct{ name, path string }{{"layout=folder", dir}, {"layout=npz", archive}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(BinSizeBytes)
			for b.Loop() {
				s, err := Open(bc.path)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Get("af_heart"); err != nil {
					b.Fatal(err)
				}
				s.Close()
			}
		})
	}
}

func BenchmarkStyle(b *testing.B) {
	p, err := NewPack("bench", synthRows(1))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		_ = p.Style(120)
	}
}
