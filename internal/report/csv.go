package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"
)

// CSVFileName is the name of the per-request results file in a run directory.
const CSVFileName = "benchmark_results.csv"

// columns is the header of benchmark_results.csv, in order. The columns
// after "error", except started_at, repeat earlier values under the names of
// an older layout, so that scripts written for that layout keep working.
var columns = []string{
	"variant", "voice", "prompt_id", "prompt", "repetition", "status", "cache_status",
	"ttfa_ms", "total_ms", "audio_s", "rtf", "cpu_time_ms", "cpu_percent", "rss_peak_mb",
	"tokens", "chunks", "load_ms", "error",
	"model", "ttfw_ms", "total_time_ms", "cpu_usage", "ram_usage_mb",
	"started_at",
}

// requiredColumns are the columns that ReadCSV needs. The derived columns
// (rtf, cpu_percent), the older-layout copies and started_at may be absent.
var requiredColumns = []string{
	"variant", "voice", "prompt_id", "prompt", "repetition", "status", "cache_status",
	"ttfa_ms", "total_ms", "audio_s", "cpu_time_ms", "rss_peak_mb",
	"tokens", "chunks", "load_ms", "error",
}

const mebibyte = 1 << 20

// Output precision: milliseconds to the microsecond, seconds of audio to the
// microsecond, ratios and percentages to six and three decimals.
func formatMillis(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(time.Millisecond), 'f', 3, 64)
}

func formatSeconds(d time.Duration) string {
	return strconv.FormatFloat(d.Seconds(), 'f', 6, 64)
}

func formatMiB(b int64) string {
	return strconv.FormatFloat(float64(b)/mebibyte, 'f', 3, 64)
}

// blankIfZero returns "" for a zero measurement and format(v) otherwise.
func blankIfZero[T int | int64 | time.Duration](v T, format func(T) string) string {
	if v == 0 {
		return ""
	}
	return format(v)
}

// record encodes r in the order of columns.
func (r Row) record() []string {
	var (
		ttfa    = blankIfZero(r.TTFA, formatMillis)
		total   = blankIfZero(r.Total, formatMillis)
		audio   = blankIfZero(r.Audio, formatSeconds)
		rss     = blankIfZero(r.RSSPeakBytes, formatMiB)
		tokens  = blankIfZero(r.Tokens, strconv.Itoa)
		load    = blankIfZero(r.Load, formatMillis)
		rtf     string
		cpuTime string
		cpuPct  string
		started string
	)
	if v, ok := r.RTF(); ok {
		rtf = strconv.FormatFloat(v, 'f', 6, 64)
	}
	if r.CPUMeasured {
		cpuTime = formatMillis(r.CPUTime)
	}
	if v, ok := r.CPUPercent(); ok {
		cpuPct = strconv.FormatFloat(v, 'f', 3, 64)
	}
	if !r.StartedAt.IsZero() {
		started = r.StartedAt.Format(time.RFC3339Nano)
	}

	return []string{
		r.Variant, r.Voice, r.PromptID, r.Prompt, strconv.Itoa(r.Repetition), string(r.Status), string(r.CacheStatus),
		ttfa, total, audio, rtf, cpuTime, cpuPct, rss,
		tokens, strconv.Itoa(r.Chunks), load, r.Error,
		r.Variant, ttfa, total, cpuPct, rss,
		started,
	}
}

// A Writer streams rows to benchmark_results.csv. Each Write hands its row
// to the operating system before returning, so a run that is interrupted or
// crashes keeps every row written so far. Close also syncs the file to disk.
//
// A Writer is safe for concurrent use.
type Writer struct {
	path string

	mu     sync.Mutex
	file   *os.File
	csv    *csv.Writer
	closed bool
}

// NewWriter creates dir if needed and a new benchmark_results.csv in it, and
// writes the header line. It fails if the file already exists, so that a run
// never overwrites the results of another; pick a new directory instead.
func NewWriter(dir string) (*Writer, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("report: create run directory %q: %w", dir, err)
	}
	path := filepath.Join(dir, CSVFileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("report: create %q (use a new run directory): %w", path, err)
	}

	w := &Writer{path: path, file: f, csv: csv.NewWriter(f)}
	if err := w.writeRecord(columns); err != nil {
		_ = f.Close()
		return nil, err
	}
	return w, nil
}

// Path returns the path of the CSV file.
func (w *Writer) Path() string { return w.path }

// Write validates row and appends it to the file. It returns an error,
// and writes nothing, when the row breaks the contract documented on Row
// (an empty variant, a failed row without an error message, and so on).
func (w *Writer) Write(row Row) error {
	if err := row.validate(); err != nil {
		return fmt.Errorf("report: invalid row (variant %q, voice %q, prompt %q, repetition %d): %w",
			row.Variant, row.Voice, row.PromptID, row.Repetition, err)
	}

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return fmt.Errorf("report: write to %q after Close", w.path)
	}
	return w.writeRecord(row.record())
}

// writeRecord writes one record and flushes it to the operating system.
func (w *Writer) writeRecord(record []string) error {
	if err := w.csv.Write(record); err != nil {
		return fmt.Errorf("report: write %q: %w", w.path, err)
	}
	w.csv.Flush()
	if err := w.csv.Error(); err != nil {
		return fmt.Errorf("report: write %q: %w", w.path, err)
	}
	return nil
}

// Close syncs the file to disk and closes it. Calling Close again returns
// nil.
func (w *Writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true

	syncErr := w.file.Sync()
	closeErr := w.file.Close()
	if err := errors.Join(syncErr, closeErr); err != nil {
		return fmt.Errorf("report: close %q: %w", w.path, err)
	}
	return nil
}

// A ParseError is a problem in benchmark_results.csv at a known place.
type ParseError struct {
	// Line is the 1-based line of the input where the problem is.
	Line int
	// Column is the CSV column name, or empty when the problem concerns the
	// whole line.
	Column string
	// Err is the underlying problem.
	Err error
}

// Error returns the problem with its file, line and column.
func (e *ParseError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("report: %s line %d: %v", CSVFileName, e.Line, e.Err)
	}
	return fmt.Sprintf("report: %s line %d, column %q: %v", CSVFileName, e.Line, e.Column, e.Err)
}

// Unwrap returns Err.
func (e *ParseError) Unwrap() error { return e.Err }

// tornRecord describes the incomplete record at the end of an input.
type tornRecord struct {
	line  int // 1-based line where the record starts
	bytes int // length of the dropped bytes
}

// ReadCSV parses benchmark_results.csv as written by Writer.
//
// Columns are matched by header name, so their order does not matter and
// unknown columns are ignored. The derived columns (rtf, cpu_percent) and
// the older-layout copies are not read: RTF and CPU percent are recomputed
// from the base columns. A UTF-8 byte order mark is skipped.
//
// When the input ends inside a record, because a run was killed while a row
// was being written, ReadCSV drops that record, logs a warning with the
// default slog logger and returns the complete rows with a nil error. Any
// other problem returns a *ParseError that names the line and column.
func ReadCSV(r io.Reader) ([]Row, error) {
	rows, torn, err := readCSV(r)
	if err != nil {
		return nil, err
	}
	if torn != nil {
		slog.Warn("report: dropped incomplete last record of results CSV",
			"line", torn.line, "bytes", torn.bytes)
	}
	return rows, nil
}

func readCSV(r io.Reader) ([]Row, *tornRecord, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("report: read %s: %w", CSVFileName, err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))

	var torn *tornRecord
	if cut := completeLength(data); cut < len(data) {
		torn = &tornRecord{line: 1 + bytes.Count(data[:cut], []byte("\n")), bytes: len(data) - cut}
		if err := checkTorn(data[cut:], torn.line); err != nil {
			return nil, nil, err
		}
		data = data[:cut]
	}
	if len(data) == 0 {
		return nil, nil, &ParseError{Line: 1, Err: errors.New("missing header line: the file is empty or its header was never completed")}
	}

	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, &ParseError{Line: 1, Err: errors.New("missing header line: the file has only blank lines")}
	}
	if err != nil {
		return nil, nil, csvError(err)
	}
	index, err := headerIndex(header)
	if err != nil {
		return nil, nil, err
	}

	var rows []Row
	for {
		record, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, csvError(err)
		}
		row, err := parseRecord(cr, record, index)
		if err != nil {
			return nil, nil, err
		}
		rows = append(rows, row)
	}
	return rows, torn, nil
}

// completeLength returns the length of the prefix of data that ends with
// the last complete record. Writer ends every record with a newline, and a
// newline ends a record only outside a quoted field. In well-formed CSV a
// newline is inside a quoted field exactly when an odd number of quotes
// precede it, so counting quotes finds the boundary.
func completeLength(data []byte) int {
	var (
		inQuote bool
		end     int
	)
	for i, c := range data {
		switch {
		case c == '"':
			inQuote = !inQuote
		case c == '\n' && !inQuote:
			end = i + 1
		}
	}
	return end
}

// checkTorn returns nil when tail, which starts at line firstLine, reads as
// the start of one record cut short: either it parses as it is, or it
// parses once the quoted field that it ends in is closed. Otherwise the
// quotes are unbalanced because the file is malformed, not torn, and
// checkTorn returns the error, so that a stray quote cannot make ReadCSV
// drop the rest of a file.
func checkTorn(tail []byte, firstLine int) error {
	err := parsesAsOneRecord(tail)
	if err == nil || parsesAsOneRecord(append(slices.Clip(tail), '"')) == nil {
		return nil
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: firstLine + pe.Line - 1, Err: pe.Err}
	}
	return &ParseError{Line: firstLine, Err: err}
}

// parsesAsOneRecord returns nil when data is at most one valid CSV record.
func parsesAsOneRecord(data []byte) error {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	records := 0
	for {
		_, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		records++
	}
	if records > 1 {
		return errors.New("unbalanced quotes: a quoted field is not closed")
	}
	return nil
}

// csvError converts an encoding/csv error into a *ParseError.
func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &ParseError{Line: pe.Line, Err: pe.Err}
	}
	return fmt.Errorf("report: read %s: %w", CSVFileName, err)
}

// headerIndex maps column names to their positions and checks that every
// required column is present exactly once.
func headerIndex(header []string) (map[string]int, error) {
	index := make(map[string]int, len(header))
	for i, name := range header {
		if _, dup := index[name]; dup {
			return nil, &ParseError{Line: 1, Column: name, Err: errors.New("duplicate column in header")}
		}
		index[name] = i
	}
	for _, name := range requiredColumns {
		if _, ok := index[name]; !ok {
			return nil, &ParseError{Line: 1, Column: name, Err: fmt.Errorf("missing column in header: is this a %s written by ttsbench?", CSVFileName)}
		}
	}
	return index, nil
}

// parseRecord decodes one record into a Row and validates it.
func parseRecord(cr *csv.Reader, record []string, index map[string]int) (Row, error) {
	p := fieldParser{cr: cr, record: record, index: index}
	row := Row{
		Variant:      p.text("variant"),
		Voice:        p.text("voice"),
		PromptID:     p.text("prompt_id"),
		Prompt:       p.text("prompt"),
		Repetition:   p.count("repetition", false),
		Status:       Status(p.text("status")),
		CacheStatus:  CacheStatus(p.text("cache_status")),
		TTFA:         p.duration("ttfa_ms", time.Millisecond),
		Total:        p.duration("total_ms", time.Millisecond),
		Audio:        p.duration("audio_s", time.Second),
		CPUTime:      p.duration("cpu_time_ms", time.Millisecond),
		CPUMeasured:  p.text("cpu_time_ms") != "",
		RSSPeakBytes: p.mebibytes("rss_peak_mb"),
		Tokens:       p.count("tokens", true),
		Chunks:       p.count("chunks", true),
		Load:         p.duration("load_ms", time.Millisecond),
		Error:        p.text("error"),
		StartedAt:    p.time("started_at"),
	}
	if p.err != nil {
		return Row{}, p.err
	}

	if err := row.validate(); err != nil {
		var bad *invalidRowError
		column := ""
		if errors.As(err, &bad) {
			column = bad.column
		}
		return Row{}, &ParseError{Line: p.line(column), Column: column, Err: err}
	}
	return row, nil
}

// fieldParser decodes the fields of one record and keeps the first error.
type fieldParser struct {
	cr     *csv.Reader
	record []string
	index  map[string]int
	err    error
}

// line returns the line of the named column's field, or of the record's
// first field when column is empty or absent.
func (p *fieldParser) line(column string) int {
	i, ok := p.index[column]
	if !ok {
		i = 0
	}
	line, _ := p.cr.FieldPos(i)
	return line
}

func (p *fieldParser) fail(column string, err error) {
	if p.err == nil {
		p.err = &ParseError{Line: p.line(column), Column: column, Err: err}
	}
}

// text returns the field of column, or "" when the column is absent.
func (p *fieldParser) text(column string) string {
	i, ok := p.index[column]
	if !ok {
		return ""
	}
	return p.record[i]
}

// count parses a non-negative integer. A blank field is 0 when blankOK and
// an error otherwise.
func (p *fieldParser) count(column string, blankOK bool) int {
	s := p.text(column)
	if s == "" {
		if !blankOK {
			p.fail(column, errors.New("missing value"))
		}
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		p.fail(column, fmt.Errorf("invalid count %q: want a non-negative integer", s))
		return 0
	}
	return n
}

// number parses a finite, non-negative decimal number no larger than limit.
// A blank field is 0.
func (p *fieldParser) number(column string, limit float64) float64 {
	s := p.text(column)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || v < 0 || v > limit {
		p.fail(column, fmt.Errorf("invalid value %q: want a non-negative decimal number no larger than %g", s, limit))
		return 0
	}
	return v
}

// duration parses a blank or a number of units into a Duration, rounded to
// the nanosecond.
func (p *fieldParser) duration(column string, unit time.Duration) time.Duration {
	limit := float64(math.MaxInt64) / float64(unit) / 2
	return time.Duration(math.Round(p.number(column, limit) * float64(unit)))
}

// mebibytes parses a blank or a size in MiB into bytes.
func (p *fieldParser) mebibytes(column string) int64 {
	limit := float64(math.MaxInt64) / mebibyte / 2
	return int64(math.Round(p.number(column, limit) * mebibyte))
}

// time parses a blank or an RFC 3339 timestamp.
func (p *fieldParser) time(column string) time.Time {
	s := p.text(column)
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		p.fail(column, fmt.Errorf("invalid timestamp %q: want RFC 3339, for example 2006-01-02T15:04:05.999Z", s))
		return time.Time{}
	}
	return t
}
