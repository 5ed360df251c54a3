// Package wav writes mono 16-bit PCM WAV files.
package wav

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

// Encode writes samples, which must lie in [-1, 1], as a 16-bit PCM mono
// WAV stream at the given sample rate. Values outside the range are
// clamped.
func Encode(w io.Writer, samples []float32, sampleRate int) error {
	if sampleRate <= 0 {
		return fmt.Errorf("wav: invalid sample rate %d", sampleRate)
	}
	dataBytes := len(samples) * 2
	if int64(dataBytes) > math.MaxUint32-36 {
		return fmt.Errorf("wav: %d samples do not fit a WAV file", len(samples))
	}
	var hdr [44]byte
	copy(hdr[0:], "RIFF")
	binary.LittleEndian.PutUint32(hdr[4:], uint32(36+dataBytes))
	copy(hdr[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(hdr[16:], 16)                   // fmt chunk size
	binary.LittleEndian.PutUint16(hdr[20:], 1)                    // PCM
	binary.LittleEndian.PutUint16(hdr[22:], 1)                    // mono
	binary.LittleEndian.PutUint32(hdr[24:], uint32(sampleRate))   // frames per second
	binary.LittleEndian.PutUint32(hdr[28:], uint32(sampleRate*2)) // bytes per second
	binary.LittleEndian.PutUint16(hdr[32:], 2)                    // block align
	binary.LittleEndian.PutUint16(hdr[34:], 16)                   // bits per sample
	copy(hdr[36:], "data")
	binary.LittleEndian.PutUint32(hdr[40:], uint32(dataBytes))
	if _, err := w.Write(hdr[:]); err != nil {
		return fmt.Errorf("wav: write header: %w", err)
	}
	return WritePCM(w, samples)
}

// WritePCM writes samples as raw little-endian 16-bit PCM, clamped to
// [-1, 1], with no header. Streaming servers use it after a header.
func WritePCM(w io.Writer, samples []float32) error {
	buf := make([]byte, 0, 8192)
	for _, s := range samples {
		buf = binary.LittleEndian.AppendUint16(buf, uint16(toInt16(s)))
		if len(buf) == cap(buf) {
			if _, err := w.Write(buf); err != nil {
				return fmt.Errorf("wav: write samples: %w", err)
			}
			buf = buf[:0]
		}
	}
	if len(buf) > 0 {
		if _, err := w.Write(buf); err != nil {
			return fmt.Errorf("wav: write samples: %w", err)
		}
	}
	return nil
}

func toInt16(s float32) int16 {
	switch {
	case s != s: // NaN
		return 0
	case s >= 1:
		return math.MaxInt16
	case s <= -1:
		return -math.MaxInt16
	}
	return int16(math.Round(float64(s) * math.MaxInt16))
}
