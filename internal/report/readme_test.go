package report

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// renderedRun returns a rendered copy of the fixture run under root/runs.
func renderedRun(t *testing.T, root, name string) string {
	t.Helper()
	dir := filepath.Join(root, "runs", name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "fixture.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, CSVFileName), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Render(dir, WithEnv(fixtureEnv()), WithPartial(false)); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeReadme(t *testing.T, dir, content string) string {
	t.Helper()
	path := filepath.Join(dir, "README.md")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// between returns the text between the marker lines of a README.
func between(t *testing.T, readme string) string {
	t.Helper()
	begin := strings.Index(readme, ReadmeBegin+"\n")
	end := strings.Index(readme, ReadmeEnd)
	if begin < 0 || end < begin {
		t.Fatalf("README has no marked section:\n%s", readme)
	}
	return readme[begin+len(ReadmeBegin)+1 : end]
}

func TestUpdateReadmeAppendsWithoutMarkers(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, before, join string
	}{
		{"trailing newline", "# Project\n\nIntro.\n", "\n"},
		{"no trailing newline", "# Project\n\nIntro.", "\n\n"},
		{"empty file", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			renderedRun(t, root, "r1")
			path := writeReadme(t, root, tt.before)

			if err := UpdateReadme(path, filepath.Join(root, "runs", "r1")); err != nil {
				t.Fatal(err)
			}
			got := string(readOutput(t, root, "README.md"))
			wantStart := tt.before + tt.join + readmeHeading + "\n\n" + ReadmeBegin + "\n\n"
			if !strings.HasPrefix(got, wantStart) {
				t.Errorf("README starts with %q, want %q", got[:min(len(got), len(wantStart))], wantStart)
			}
			if !strings.HasSuffix(got, "\n\n"+ReadmeEnd+"\n") {
				t.Errorf("README ends with %q, want the end marker on its own line", got[max(0, len(got)-40):])
			}
		})
	}
}

func TestUpdateReadmeReplacesSection(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	run := renderedRun(t, root, "r1")
	before := "# Project\r\n\r\nSee the numbers:\r\n\r\n"
	after := "\r\n## License\r\n\r\nMIT \u00e9\t \r\n"
	path := writeReadme(t, root, before+"  "+ReadmeBegin+"  \r\nold numbers\r\n| a | b |\r\n"+ReadmeEnd+after)

	if err := UpdateReadme(path, run); err != nil {
		t.Fatal(err)
	}
	got := string(readOutput(t, root, "README.md"))
	if !strings.HasPrefix(got, before+"  "+ReadmeBegin+"  \r\n") {
		t.Errorf("text before the section changed:\n%q", got)
	}
	if !strings.HasSuffix(got, ReadmeEnd+after) {
		t.Errorf("text after the section changed:\n%q", got)
	}
	if strings.Contains(got, "old numbers") {
		t.Error("old section content is still there")
	}

	// A second update with the same run changes nothing.
	if err := UpdateReadme(path, run); err != nil {
		t.Fatal(err)
	}
	if again := string(readOutput(t, root, "README.md")); again != got {
		t.Errorf("second update changed the README:\n%s", firstDifference(again, got))
	}
}

func TestUpdateReadmeSectionContent(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	run := renderedRun(t, root, "run 1")
	docs := filepath.Join(root, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	path := writeReadme(t, docs, "# Docs\n")

	if err := UpdateReadme(path, run); err != nil {
		t.Fatal(err)
	}
	section := between(t, string(readOutput(t, docs, "README.md")))
	for _, want := range []string{
		"**Stand-in model: these numbers are not Kokoro's.**",
		"Full report: [report.md](../runs/run%201/report.md)",
		"![Median RTF per variant with the 95th percentile](../runs/run%201/charts/rtf_by_model.png)",
		"([SVG](../runs/run%201/charts/cache_impact.svg))",
		"| fp32 | 11 |",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("section does not contain %q:\n%s", want, section)
		}
	}
	verifyNumbers(t, filepath.Join(run, CSVFileName), section)
}

func TestUpdateReadmeBeforeRender(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	run := newRunDir(t)
	path := writeReadme(t, root, "")
	if err := UpdateReadme(path, run); err != nil {
		t.Fatal(err)
	}
	section := between(t, string(readOutput(t, root, "README.md")))
	if !strings.Contains(section, "rtf_by_model: not drawn, because its file is missing") {
		t.Errorf("section links charts that do not exist:\n%s", section)
	}
	if !strings.Contains(section, "**Environment unknown.**") {
		t.Errorf("section lacks the unknown environment note:\n%s", section)
	}
}

func TestUpdateReadmeInvalidMarkers(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		want    string
	}{
		{"duplicate begin", "a\n" + ReadmeBegin + "\n" + ReadmeBegin + "\n" + ReadmeEnd + "\n", "2 begin markers on lines 2, 3"},
		{"duplicate end", ReadmeBegin + "\n" + ReadmeEnd + "\n" + ReadmeEnd + "\n", "2 end markers on lines 2, 3"},
		{"end before begin", ReadmeEnd + "\nx\n" + ReadmeBegin + "\n", "begin marker on line 3 and end marker on line 1"},
		{"begin only", "x\n" + ReadmeBegin + "\n", "begin marker on line 2 and no end marker"},
		{"end only", ReadmeEnd, "no begin marker and end marker on line 1"},
		{"unclosed fence", "# T\n\n```go\ncode\n", "code fence opened on line 3 is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			root := t.TempDir()
			run := renderedRun(t, root, "r1")
			path := writeReadme(t, root, tt.content)

			err := UpdateReadme(path, run)
			if !errors.Is(err, errMarkers) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want a marker error containing %q", err, tt.want)
			}
			if got := string(readOutput(t, root, "README.md")); got != tt.content {
				t.Errorf("README changed after a failed update: %q", got)
			}
		})
	}
}

func TestUpdateReadmeIgnoresQuotedMarkers(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	run := renderedRun(t, root, "r1")
	content := "Mark the section with `" + ReadmeBegin + "`:\n\n" +
		"```markdown\n" + ReadmeBegin + "\n" + ReadmeBegin + "\n```\n\n" +
		"~~~~\n" + ReadmeEnd + "\n~~~\n" + ReadmeEnd + "\n~~~~\n" +
		"    " + ReadmeBegin + "\n"
	path := writeReadme(t, root, content)

	if err := UpdateReadme(path, run); err != nil {
		t.Fatal(err)
	}
	got := string(readOutput(t, root, "README.md"))
	if !strings.HasPrefix(got, content+"\n"+readmeHeading) {
		t.Errorf("quoted markers were taken for real ones:\n%s", got)
	}
}

func TestUpdateReadmeErrors(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	run := renderedRun(t, root, "r1")
	if err := UpdateReadme(filepath.Join(root, "missing.md"), run); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing README: error = %v, want os.ErrNotExist", err)
	}
	path := writeReadme(t, root, "x\n")
	if err := UpdateReadme(path, filepath.Join(root, "nowhere")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing run: error = %v, want os.ErrNotExist", err)
	}
	if got := string(readOutput(t, root, "README.md")); got != "x\n" {
		t.Errorf("README changed after a failed update: %q", got)
	}
}

// FuzzSpliceSection checks that a splice keeps the text outside the
// markers byte for byte and that splicing twice gives the same result.
func FuzzSpliceSection(f *testing.F) {
	f.Add([]byte("# T\n"+ReadmeBegin+"\nold\n"+ReadmeEnd+"\nrest"), []byte("new\n"))
	f.Add([]byte("```\n"+ReadmeBegin+"\n```\n"), []byte("x"))
	f.Add([]byte(""), []byte(""))
	f.Add([]byte(ReadmeEnd+"\r\n"+ReadmeBegin), []byte("s\r\n"))

	f.Fuzz(func(t *testing.T, readme, section []byte) {
		// Rendered sections never contain marker lines or fences, because
		// mdEscape escapes every character that could start one.
		if bytes.Contains(section, []byte("<!--")) || bytes.Contains(section, []byte("```")) || bytes.Contains(section, []byte("~~~")) {
			return
		}
		out, err := spliceSection(readme, section)
		if err != nil {
			if !errors.Is(err, errMarkers) {
				t.Fatalf("error %v is not a marker error", err)
			}
			return
		}

		begins, ends, _ := findMarkers(readme)
		if len(begins) == 0 {
			if !bytes.HasPrefix(out, readme) {
				t.Fatalf("append changed the README")
			}
		} else {
			if !bytes.HasPrefix(out, readme[:begins[0].end]) || !bytes.HasSuffix(out, readme[ends[0].start:]) {
				t.Fatalf("splice changed text outside the markers:\n%q\n%q", readme, out)
			}
		}

		again, err := spliceSection(out, section)
		if err != nil {
			t.Fatalf("second splice: %v\n%q", err, out)
		}
		if !bytes.Equal(again, out) {
			t.Fatalf("second splice differs:\n%q\n%q", out, again)
		}
	})
}
