package report

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// sampleRow returns a complete successful row.
func sampleRow() Row {
	return Row{
		Variant:      "fp32",
		Voice:        "af_heart",
		PromptID:     "p1",
		Prompt:       "Hello, \"world\".\nSecond line.",
		Repetition:   1,
		Status:       StatusOK,
		CacheStatus:  CacheMiss,
		TTFA:         123456789 * time.Nanosecond,
		Total:        456789 * time.Microsecond,
		Audio:        2400 * time.Millisecond,
		CPUTime:      900 * time.Millisecond,
		CPUMeasured:  true,
		RSSPeakBytes: 400 * mebibyte,
		Tokens:       38,
		Chunks:       3,
		Load:         1500250 * time.Microsecond,
		StartedAt:    time.Date(2025, 3, 14, 9, 26, 53, 589793000, time.UTC),
	}
}

func TestWriterHeaderAndRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(sampleRow()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(filepath.Join(dir, CSVFileName))
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	wantHeader := "variant,voice,prompt_id,prompt,repetition,status,cache_status,ttfa_ms,total_ms,audio_s,rtf," +
		"cpu_time_ms,cpu_percent,rss_peak_mb,tokens,chunks,load_ms,error," +
		"model,ttfw_ms,total_time_ms,cpu_usage,ram_usage_mb,started_at"
	if got := strings.Join(records[0], ","); got != wantHeader {
		t.Errorf("header:\n got %s\nwant %s", got, wantHeader)
	}

	got := map[string]string{}
	for i, name := range records[0] {
		got[name] = records[1][i]
	}
	want := map[string]string{
		"variant": "fp32", "voice": "af_heart", "prompt_id": "p1", "prompt": "Hello, \"world\".\nSecond line.",
		"repetition": "1", "status": "ok", "cache_status": "miss",
		"ttfa_ms": "123.457", "total_ms": "456.789", "audio_s": "2.400000", "rtf": "0.190329",
		"cpu_time_ms": "900.000", "cpu_percent": "197.028", "rss_peak_mb": "400.000",
		"tokens": "38", "chunks": "3", "load_ms": "1500.250", "error": "",
		"model": "fp32", "ttfw_ms": "123.457", "total_time_ms": "456.789", "cpu_usage": "197.028", "ram_usage_mb": "400.000",
		"started_at": "2025-03-14T09:26:53.589793Z",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("column %s = %q, want %q", name, got[name], w)
		}
	}
}

func TestWriterBlankCells(t *testing.T) {
	t.Parallel()
	// A request that failed before its first chunk, on an engine that
	// measures neither CPU nor memory.
	row := Row{
		Variant: "q8", Voice: "am_adam", PromptID: "p2", Repetition: 2,
		Status: StatusFailed, Total: 15 * time.Millisecond, Error: "boom",
	}
	record := row.record()
	for i, name := range columns {
		switch name {
		case "variant", "model":
			if record[i] != "q8" {
				t.Errorf("%s = %q, want q8", name, record[i])
			}
		case "voice", "prompt_id", "repetition", "status", "error", "chunks", "total_ms", "total_time_ms":
			if record[i] == "" {
				t.Errorf("%s is blank, want a value", name)
			}
		default:
			if record[i] != "" {
				t.Errorf("%s = %q, want blank", name, record[i])
			}
		}
	}
}

func TestWriterRejectsInvalidRow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Row)
		want   string
	}{
		{"empty variant", func(r *Row) { r.Variant = "" }, "empty variant"},
		{"zero repetition", func(r *Row) { r.Repetition = 0 }, "repetitions count from 1"},
		{"unknown status", func(r *Row) { r.Status = "done" }, `invalid status "done"`},
		{"ok with error", func(r *Row) { r.Error = "x" }, `use status "failed"`},
		{"failed without error", func(r *Row) { r.Status = StatusFailed }, "without an error message"},
		{"unknown cache status", func(r *Row) { r.CacheStatus = "warm" }, `invalid cache status "warm"`},
		{"negative total", func(r *Row) { r.Total = -time.Second }, "cannot be negative"},
		{"cpu not flagged", func(r *Row) { r.CPUMeasured = false }, "set Row.CPUMeasured"},
		{"ttfa after total", func(r *Row) { r.TTFA = r.Total + 1 }, "exceeds total time"},
	}
	dir := t.TempDir()
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, tt := range tests {
		row := sampleRow()
		tt.change(&row)
		err := w.Write(row)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Write error = %v, want it to contain %q", tt.name, err, tt.want)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	rows, err := readFile(t, filepath.Join(dir, CSVFileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 0 {
		t.Errorf("got %d rows after rejected writes, want 0", len(rows))
	}
}

func TestNewWriterKeepsExistingFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, CSVFileName)
	if err := os.WriteFile(path, []byte("old results\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := NewWriter(dir); !errors.Is(err, os.ErrExist) {
		t.Errorf("NewWriter on existing file: error = %v, want os.ErrExist", err)
	}
	data, _ := os.ReadFile(path)
	if string(data) != "old results\n" {
		t.Errorf("existing file changed to %q", data)
	}
}

func TestWriterCloseTwiceAndWriteAfterClose(t *testing.T) {
	t.Parallel()
	w, err := NewWriter(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close = %v, want nil", err)
	}
	if err := w.Write(sampleRow()); err == nil {
		t.Error("Write after Close succeeded, want an error")
	}
}

// A row is on disk as soon as Write returns, before Close, so an
// interrupted run loses nothing.
func TestWriterFlushesEachRow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for i := 1; i <= 3; i++ {
		row := sampleRow()
		row.Repetition = i
		if err := w.Write(row); err != nil {
			t.Fatal(err)
		}
		rows, err := readFile(t, w.Path())
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != i {
			t.Fatalf("after %d writes the file has %d rows", i, len(rows))
		}
	}
}

func TestWriterConcurrentWrites(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for i := 1; i <= 50; i++ {
		wg.Go(func() {
			row := sampleRow()
			row.Repetition = i
			if err := w.Write(row); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}

	rows, err := readFile(t, w.Path())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int]bool{}
	for _, r := range rows {
		seen[r.Repetition] = true
	}
	if len(rows) != 50 || len(seen) != 50 {
		t.Errorf("got %d rows with %d distinct repetitions, want 50 and 50", len(rows), len(seen))
	}
}

func TestReadCSVRoundTrip(t *testing.T) {
	t.Parallel()
	failed := Row{
		Variant: "q8", Voice: "am_adam", PromptID: "p2", Prompt: "x", Repetition: 4,
		Status: StatusFailed, CacheStatus: CacheUnknown, Total: 30 * time.Second,
		TTFA: 410 * time.Millisecond, Chunks: 1, Error: "deadline | exceeded\nafter 30s",
	}
	hit := sampleRow()
	hit.CacheStatus, hit.CPUTime, hit.Repetition = CacheHit, 0, 2
	want := []Row{sampleRow(), failed, hit}

	var buf bytes.Buffer
	if err := encodeCSV(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// The file keeps microseconds of milliseconds; the sample TTFA has
	// nanoseconds, which are rounded.
	want[0].TTFA = 123457 * time.Microsecond
	want[2].TTFA = want[0].TTFA
	assertRowsEqual(t, got, want)
}

// The fixture was written by Writer's format, so reading and writing it
// again reproduces it byte for byte.
func TestReadCSVFixtureReencodes(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("testdata", "fixture.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ReadCSV(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 32 {
		t.Fatalf("got %d rows, want 32", len(rows))
	}
	var buf bytes.Buffer
	if err := encodeCSV(&buf, rows); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), data) {
		t.Errorf("re-encoded fixture differs:\n%s", firstDifference(buf.String(), string(data)))
	}
}

func TestReadCSVTornLastRecord(t *testing.T) {
	t.Parallel()
	var full bytes.Buffer
	rows := []Row{sampleRow(), sampleRow()}
	rows[1].Repetition = 2
	if err := encodeCSV(&full, rows); err != nil {
		t.Fatal(err)
	}
	data := full.Bytes()
	var first bytes.Buffer
	if err := encodeCSV(&first, rows[:1]); err != nil {
		t.Fatal(err)
	}
	secondStart := first.Len()

	tests := []struct {
		name     string
		cut      int // length of the input
		wantRows int
		wantLine int
	}{
		{"cut in the first field", secondStart + 2, 1, 4},
		{"cut inside the quoted prompt", secondStart + 20, 1, 4},
		{"cut after the newline inside the prompt", bytes.Index(data[secondStart:], []byte("\n")) + secondStart + 1, 1, 4},
		{"cut before the final newline", len(data) - 1, 1, 4},
		{"complete", len(data), 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, torn, err := readCSV(bytes.NewReader(data[:tt.cut]))
			if err != nil {
				t.Fatalf("readCSV: %v", err)
			}
			if len(got) != tt.wantRows {
				t.Errorf("got %d rows, want %d", len(got), tt.wantRows)
			}
			switch {
			case tt.wantLine == 0 && torn != nil:
				t.Errorf("torn = %+v, want none", *torn)
			case tt.wantLine != 0 && torn == nil:
				t.Errorf("torn = nil, want a torn record on line %d", tt.wantLine)
			case tt.wantLine != 0 && torn.line != tt.wantLine:
				t.Errorf("torn record on line %d, want %d", torn.line, tt.wantLine)
			}
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	t.Parallel()
	header := strings.Join(columns, ",") + "\n"
	line := func(change func([]string)) string {
		record := sampleRow().record()
		record[3] = "prompt" // keep the record on one line
		change(record)
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		_ = w.Write(record)
		w.Flush()
		return buf.String()
	}
	set := func(column, value string) func([]string) {
		return func(r []string) {
			for i, name := range columns {
				if name == column {
					r[i] = value
				}
			}
		}
	}
	ok := line(func([]string) {})

	tests := []struct {
		name       string
		input      string
		wantLine   int
		wantColumn string
		wantText   string
	}{
		{"empty input", "", 1, "", "missing header"},
		{"missing column", strings.Replace(header, ",ttfa_ms", "", 1) + ok, 1, "ttfa_ms", "missing column"},
		{"duplicate column", strings.Replace(header, "voice", "variant", 1), 1, "variant", "duplicate column"},
		{"bad number", header + ok + line(set("total_ms", "12,5")), 3, "total_ms", `invalid value "12,5"`},
		{"negative number", header + line(set("ttfa_ms", "-1")), 2, "ttfa_ms", "non-negative"},
		{"not a number", header + line(set("audio_s", "NaN")), 2, "audio_s", "invalid value"},
		{"infinite", header + line(set("load_ms", "Inf")), 2, "load_ms", "invalid value"},
		{"huge", header + line(set("total_ms", "1e300")), 2, "total_ms", "no larger than"},
		{"bad repetition", header + line(set("repetition", "first")), 2, "repetition", "invalid count"},
		{"blank repetition", header + line(set("repetition", "")), 2, "repetition", "missing value"},
		{"bad timestamp", header + line(set("started_at", "yesterday")), 2, "started_at", "invalid timestamp"},
		{"bad status", header + line(set("status", "done")), 2, "status", "invalid status"},
		{"failed without error", header + line(set("status", "failed")), 2, "error", "without an error message"},
		{"field count", header + ok + "fp32,af_heart\n", 3, "", "wrong number of fields"},
		{"bare quote", header + ok + `fp32,af"heart` + "\n", 3, "", "bare"},
		{"stray quote before torn end", header + `fp32,"af_heart,p1` + "\n" + ok + "fp32,x,p1,\"a\"b\"", 4, "", "extraneous"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadCSV(strings.NewReader(tt.input))
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error = %v, want a *ParseError", err)
			}
			if pe.Line != tt.wantLine {
				t.Errorf("line = %d, want %d (%v)", pe.Line, tt.wantLine, err)
			}
			if pe.Column != tt.wantColumn {
				t.Errorf("column = %q, want %q (%v)", pe.Column, tt.wantColumn, err)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantText)
			}
		})
	}
}

func TestReadCSVIgnoresOrderAndExtraColumns(t *testing.T) {
	t.Parallel()
	input := "extra,status,repetition,prompt_id,voice,variant,prompt,cache_status,ttfa_ms,total_ms,audio_s," +
		"cpu_time_ms,rss_peak_mb,tokens,chunks,load_ms,error\n" +
		"x,ok,2,p1,af_heart,fp32,hi,hit,1.5,2.000,1.000000,,,,1,,\n"
	rows, err := ReadCSV(strings.NewReader("\ufeff" + input))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{
		Variant: "fp32", Voice: "af_heart", PromptID: "p1", Prompt: "hi", Repetition: 2,
		Status: StatusOK, CacheStatus: CacheHit, TTFA: 1500 * time.Microsecond,
		Total: 2 * time.Millisecond, Audio: time.Second, Chunks: 1,
	}}
	assertRowsEqual(t, rows, want)
}

// FuzzReadCSV checks that ReadCSV never panics and that any rows it accepts
// survive a write and a second read unchanged.
func FuzzReadCSV(f *testing.F) {
	fixture, err := os.ReadFile(filepath.Join("testdata", "fixture.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(fixture)
	f.Add(fixture[:len(fixture)/2])
	f.Add([]byte(strings.Join(columns, ",") + "\n"))
	f.Add([]byte(strings.Join(columns, ",") + "\nfp32,\"a\nb"))

	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := readCSV(bytes.NewReader(data))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			return
		}
		var buf bytes.Buffer
		if err := encodeCSV(&buf, rows); err != nil {
			t.Fatalf("rows accepted by readCSV cannot be written: %v", err)
		}
		again, torn, err := readCSV(bytes.NewReader(buf.Bytes()))
		if err != nil || torn != nil {
			t.Fatalf("re-read of written rows: torn %v, error %v", torn, err)
		}
		var buf2 bytes.Buffer
		if err := encodeCSV(&buf2, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
			t.Fatalf("second write differs:\n%s", firstDifference(buf.String(), buf2.String()))
		}
	})
}

// encodeCSV writes the header and rows as Writer does, to w.
func encodeCSV(w *bytes.Buffer, rows []Row) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	for _, r := range rows {
		if err := r.validate(); err != nil {
			return err
		}
		if err := cw.Write(r.record()); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func readFile(t *testing.T, path string) ([]Row, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCSV(f)
}

func assertRowsEqual(t *testing.T, got, want []Row) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if !g.StartedAt.Equal(w.StartedAt) {
			t.Errorf("row %d: StartedAt = %v, want %v", i, g.StartedAt, w.StartedAt)
		}
		g.StartedAt, w.StartedAt = time.Time{}, time.Time{}
		if !reflect.DeepEqual(g, w) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

// firstDifference shows the first line where a and b differ.
func firstDifference(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return "line " + strconv.Itoa(i+1) + ":\n got " + al[i] + "\nwant " + bl[i]
		}
	}
	return "lengths differ: " + strconv.Itoa(len(al)) + " and " + strconv.Itoa(len(bl)) + " lines"
}
