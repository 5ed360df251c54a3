package voicepack

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// The NPY format is NumPy's own array file. It starts with a magic string, a
// version and a header length. The header is a Python dict literal with the
// keys 'descr', 'fortran_order' and 'shape', padded with spaces and ended by a
// newline, and the raw array data follows it. Version 1.0 stores the header
// length in 2 bytes, versions 2.0 and 3.0 in 4 bytes. Version 3.0 only changes
// the header text encoding from Latin-1 to UTF-8.
const (
	npyMagic = "\x93NUMPY"
	// npyDtype is the only dtype accepted: little-endian float32.
	npyDtype = "<f4"
	// maxNPYHeaderBytes bounds the header read, so that a corrupt length
	// field cannot make the reader allocate gigabytes. NumPy's own reader
	// rejects headers over 10,000 bytes by default.
	maxNPYHeaderBytes = 1 << 16
)

// npyHeader is the parsed preamble and header dict of an NPY file.
type npyHeader struct {
	major, minor uint8
	descr        string
	fortranOrder bool
	shape        []int
}

// readNPYHeader reads an NPY preamble and header from r, leaving r at the
// first byte of array data. It checks the syntax and the three required keys,
// not whether the dtype or shape suits a voice pack.
func readNPYHeader(r io.Reader) (npyHeader, error) {
	var h npyHeader

	pre := make([]byte, len(npyMagic)+2)
	if _, err := io.ReadFull(r, pre); err != nil {
		return h, fmt.Errorf("read NPY preamble: %w", eofAsUnexpected(err))
	}
	if string(pre[:len(npyMagic)]) != npyMagic {
		return h, fmt.Errorf("missing NPY magic: file starts with %q, expected %q", pre[:len(npyMagic)], npyMagic)
	}
	h.major, h.minor = pre[len(npyMagic)], pre[len(npyMagic)+1]

	var headerLen uint32
	switch h.major {
	case 1:
		var n uint16
		if err := binary.Read(r, binary.LittleEndian, &n); err != nil {
			return h, fmt.Errorf("read NPY header length: %w", eofAsUnexpected(err))
		}
		headerLen = uint32(n)
	case 2, 3:
		if err := binary.Read(r, binary.LittleEndian, &headerLen); err != nil {
			return h, fmt.Errorf("read NPY header length: %w", eofAsUnexpected(err))
		}
	default:
		return h, fmt.Errorf("NPY format version %d.%d is not supported, expected 1.0, 2.0 or 3.0", h.major, h.minor)
	}
	if headerLen > maxNPYHeaderBytes {
		return h, fmt.Errorf("NPY header length %d bytes exceeds the maximum of %d", headerLen, maxNPYHeaderBytes)
	}

	text := make([]byte, headerLen)
	if _, err := io.ReadFull(r, text); err != nil {
		return h, fmt.Errorf("read NPY header of %d bytes: %w", headerLen, eofAsUnexpected(err))
	}
	if err := parseNPYDict(string(text), &h); err != nil {
		return h, fmt.Errorf("invalid NPY header %q: %w", text, err)
	}
	return h, nil
}

func eofAsUnexpected(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// parseNPYDict parses the Python dict literal of an NPY header into h. It
// accepts the subset of Python literal syntax that NumPy writes: quoted
// strings, True and False, and tuples of non-negative integers.
func parseNPYDict(text string, h *npyHeader) error {
	p := &dictParser{s: text}
	seen := map[string]bool{}

	if !p.consume('{') {
		return p.errorf("expected '{'")
	}
	for !p.consume('}') {
		key, err := p.str()
		if err != nil {
			return err
		}
		if seen[key] {
			return fmt.Errorf("key %q appears twice", key)
		}
		seen[key] = true
		if !p.consume(':') {
			return p.errorf("expected ':' after key %q", key)
		}

		switch key {
		case "descr":
			if h.descr, err = p.str(); err != nil {
				return fmt.Errorf("descr: %w", err)
			}
		case "fortran_order":
			if h.fortranOrder, err = p.boolean(); err != nil {
				return fmt.Errorf("fortran_order: %w", err)
			}
		case "shape":
			if h.shape, err = p.tuple(); err != nil {
				return fmt.Errorf("shape: %w", err)
			}
		default:
			return fmt.Errorf("unexpected key %q, expected only 'descr', 'fortran_order' and 'shape'", key)
		}

		if !p.consume(',') {
			if !p.consume('}') {
				return p.errorf("expected ',' or '}'")
			}
			break
		}
	}
	for _, key := range []string{"descr", "fortran_order", "shape"} {
		if !seen[key] {
			return fmt.Errorf("missing key %q", key)
		}
	}
	if rest := strings.TrimRight(text[p.pos:], " \t\r\n\x00"); rest != "" {
		return fmt.Errorf("unexpected text %q after the dict", rest)
	}
	return nil
}

// dictParser is a cursor over the text of an NPY header.
type dictParser struct {
	s   string
	pos int
}

func (p *dictParser) skipSpace() {
	for p.pos < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.pos]) >= 0 {
		p.pos++
	}
}

// consume skips white space and then c, reporting whether c was there.
func (p *dictParser) consume(c byte) bool {
	p.skipSpace()
	if p.pos < len(p.s) && p.s[p.pos] == c {
		p.pos++
		return true
	}
	return false
}

func (p *dictParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s at offset %d", fmt.Sprintf(format, args...), p.pos)
}

// str parses a quoted string without escape sequences, which NumPy never
// writes in the keys or dtype strings it accepts.
func (p *dictParser) str() (string, error) {
	p.skipSpace()
	if p.pos >= len(p.s) || (p.s[p.pos] != '\'' && p.s[p.pos] != '"') {
		return "", p.errorf("expected a quoted string")
	}
	quote := p.s[p.pos]
	end := strings.IndexByte(p.s[p.pos+1:], quote)
	if end < 0 {
		return "", p.errorf("unterminated string")
	}
	v := p.s[p.pos+1 : p.pos+1+end]
	if strings.IndexByte(v, '\\') >= 0 {
		return "", p.errorf("escape sequences in strings are not supported")
	}
	p.pos += end + 2
	return v, nil
}

func (p *dictParser) boolean() (bool, error) {
	p.skipSpace()
	for _, lit := range []struct {
		text  string
		value bool
	}{{"True", true}, {"False", false}} {
		if strings.HasPrefix(p.s[p.pos:], lit.text) {
			p.pos += len(lit.text)
			return lit.value, nil
		}
	}
	return false, p.errorf("expected True or False")
}

// tuple parses a tuple of non-negative integers such as "(510, 1, 256)",
// "(510,)" or "()". A trailing "L", written by Python 2 for long integers,
// is accepted.
func (p *dictParser) tuple() ([]int, error) {
	if !p.consume('(') {
		return nil, p.errorf("expected '('")
	}
	dims := []int{}
	for !p.consume(')') {
		p.skipSpace()
		start := p.pos
		for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
			p.pos++
		}
		if p.pos == start {
			return nil, p.errorf("expected a non-negative integer")
		}
		n, err := strconv.ParseInt(p.s[start:p.pos], 10, 32)
		if err != nil {
			return nil, p.errorf("dimension %q is out of range", p.s[start:p.pos])
		}
		if p.pos < len(p.s) && p.s[p.pos] == 'L' {
			p.pos++
		}
		dims = append(dims, int(n))

		if !p.consume(',') {
			if !p.consume(')') {
				return nil, p.errorf("expected ',' or ')'")
			}
			break
		}
	}
	return dims, nil
}

// readNPYPack reads an NPY array that must hold one voice pack: dtype '<f4',
// C order, shape (510, 1, 256) or (510, 256), and nothing after the data.
// source names the file or archive entry in errors.
func readNPYPack(r io.Reader, source string) ([]float32, error) {
	h, err := readNPYHeader(r)
	if err != nil {
		return nil, fmt.Errorf("voicepack: %w %s: %w", ErrInvalidPack, source, err)
	}
	if err := checkNPYPackHeader(h); err != nil {
		return nil, fmt.Errorf("voicepack: %w %s: %w", ErrInvalidPack, source, err)
	}

	b := make([]byte, BinSizeBytes+1)
	n, err := io.ReadFull(r, b)
	switch {
	case err == nil:
		return nil, fmt.Errorf("voicepack: %w %s: more than %d bytes of array data", ErrInvalidPack, source, BinSizeBytes)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		// Expected: the data ends before the extra byte.
	default:
		return nil, fmt.Errorf("voicepack: read %s: %w", source, err)
	}
	if n != BinSizeBytes {
		return nil, fmt.Errorf("voicepack: %w %s: %d bytes of array data, expected %d for shape %s",
			ErrInvalidPack, source, n, BinSizeBytes, formatShape(h.shape))
	}
	return decodeBin(source, b[:n])
}

// checkNPYPackHeader checks that an NPY header describes a voice pack.
func checkNPYPackHeader(h npyHeader) error {
	if h.descr != npyDtype {
		return fmt.Errorf("dtype %q is not supported, expected %q (little-endian float32)", h.descr, npyDtype)
	}
	if h.fortranOrder {
		return fmt.Errorf("fortran_order True is not supported, expected C order (save the array with np.ascontiguousarray)")
	}
	switch {
	case len(h.shape) == 3 && h.shape[0] == Rows && h.shape[1] == 1 && h.shape[2] == Dim:
	case len(h.shape) == 2 && h.shape[0] == Rows && h.shape[1] == Dim:
	default:
		return fmt.Errorf("shape %s is not supported, expected (%d, 1, %d) or (%d, %d)",
			formatShape(h.shape), Rows, Dim, Rows, Dim)
	}
	return nil
}

// formatShape writes a shape the way Python prints a tuple.
func formatShape(shape []int) string {
	parts := make([]string, len(shape))
	for i, d := range shape {
		parts[i] = strconv.Itoa(d)
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// encodeNPYHeader returns a version 1.0 NPY preamble and header for a C-order
// '<f4' array of the given shape, padded so that the data starts at a multiple
// of 64 bytes as NumPy does.
func encodeNPYHeader(shape []int) []byte {
	dict := fmt.Sprintf("{'descr': '%s', 'fortran_order': False, 'shape': %s, }", npyDtype, formatShape(shape))
	const prefixLen = len(npyMagic) + 2 + 2
	total := (prefixLen + len(dict) + 1 + 63) / 64 * 64
	text := dict + strings.Repeat(" ", total-prefixLen-len(dict)-1) + "\n"

	var buf bytes.Buffer
	buf.WriteString(npyMagic)
	buf.Write([]byte{1, 0})
	_ = binary.Write(&buf, binary.LittleEndian, uint16(len(text)))
	buf.WriteString(text)
	return buf.Bytes()
}

// WriteNPY writes rows, which must contain Rows × Dim values, as a version 1.0
// NPY array with dtype '<f4' and shape (510, 1, 256), the layout of the
// entries in kokoro-onnx's voices-v1.0.bin.
func WriteNPY(w io.Writer, rows []float32) error {
	if len(rows) != Rows*Dim {
		return fmt.Errorf("voicepack: write NPY: %w: %d values, expected %d (%d rows × %d)",
			ErrInvalidPack, len(rows), Rows*Dim, Rows, Dim)
	}
	if _, err := w.Write(encodeNPYHeader([]int{Rows, 1, Dim})); err != nil {
		return fmt.Errorf("voicepack: write NPY: %w", err)
	}
	if _, err := w.Write(encodeBin(rows)); err != nil {
		return fmt.Errorf("voicepack: write NPY: %w", err)
	}
	return nil
}

// WriteNPZ writes packs as an uncompressed ZIP of NAME.npy entries, the layout
// of kokoro-onnx's voices-v1.0.bin and of numpy.savez, in the order given.
// Names must be unique and must not be empty or contain '/'.
func WriteNPZ(w io.Writer, packs []*Pack) error {
	zw := zip.NewWriter(w)
	seen := make(map[string]bool, len(packs))
	for _, p := range packs {
		if p.Name == "" || strings.ContainsAny(p.Name, `/\`) {
			return fmt.Errorf("voicepack: write NPZ: voice name %q cannot be an archive entry name", p.Name)
		}
		if seen[p.Name] {
			return fmt.Errorf("voicepack: write NPZ: voice %q appears twice", p.Name)
		}
		seen[p.Name] = true

		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.Name + npyExt, Method: zip.Store})
		if err != nil {
			return fmt.Errorf("voicepack: write NPZ entry %q: %w", p.Name+npyExt, err)
		}
		if err := WriteNPY(f, p.rows); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("voicepack: write NPZ: %w", err)
	}
	return nil
}
