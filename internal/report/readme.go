package report

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ttsbench/ttsbench/internal/atomicfile"
)

// ReadmeBegin and ReadmeEnd delimit the README section that UpdateReadme
// owns. Each must stand alone on its line, indented by at most three
// spaces and outside fenced code blocks, so that a README can quote them in
// code.
const (
	ReadmeBegin = "<!-- ttsbench:begin -->"
	ReadmeEnd   = "<!-- ttsbench:end -->"
)

// readmeHeading precedes the section when UpdateReadme appends it.
const readmeHeading = "## Benchmark results"

// UpdateReadme writes the performance table, the key insights and the chart
// links of the run in runDir into the README at path, between the
// ReadmeBegin and ReadmeEnd marker lines. Everything outside the markers is
// kept byte for byte. Without markers, it appends a heading, the markers and
// the section at the end of the file. Links are relative to the README's
// folder.
//
// The numbers come from runDir's CSV and its results.json, as in Render.
// Charts that are not on disk are listed as not drawn, so call Render first.
// UpdateReadme fails, and leaves the file untouched, when the README does
// not exist or its markers are not exactly one begin line followed by one
// end line. The file is replaced atomically.
func UpdateReadme(path, runDir string) error {
	readme, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("report: read README %q: %w", path, err)
	}

	run, err := loadRun(runDir, renderOptions{})
	if err != nil {
		return err
	}
	runLink, err := relativeLink(path, runDir)
	if err != nil {
		return err
	}

	a := analyze(run.rows)
	standIn := run.env != nil && run.env.StandIn
	doc := document{analysis: a, env: run.env, partial: run.partial, torn: run.torn, charts: chartsOnDisk(runDir, a, standIn)}

	out, err := spliceSection(readme, renderSection(doc, runLink))
	if err != nil {
		return fmt.Errorf("report: update README %q: %w", path, err)
	}
	return atomicfile.WriteBytes(path, out)
}

// relativeLink returns runDir relative to the folder of readmePath, with
// forward slashes.
func relativeLink(readmePath, runDir string) (string, error) {
	from, err := filepath.Abs(filepath.Dir(readmePath))
	if err != nil {
		return "", fmt.Errorf("report: resolve %q: %w", readmePath, err)
	}
	to, err := filepath.Abs(runDir)
	if err != nil {
		return "", fmt.Errorf("report: resolve %q: %w", runDir, err)
	}
	rel, err := filepath.Rel(from, to)
	if err != nil {
		return "", fmt.Errorf("report: link %q from README %q: %w", runDir, readmePath, err)
	}
	return filepath.ToSlash(rel), nil
}

// chartsOnDisk returns the chart plan of a, marking a chart that should
// exist but has no PNG in runDir as not drawn.
func chartsOnDisk(runDir string, a *analysis, standIn bool) []chartResult {
	var results []chartResult
	for _, c := range charts {
		_, _, skipped, err := c.build(a, standIn)
		switch {
		case err != nil:
			skipped = fmt.Sprintf("drawing it failed (%v)", err)
		case skipped == "":
			if _, statErr := os.Stat(filepath.Join(runDir, ChartsDir, c.name+".png")); statErr != nil {
				skipped = "its file is missing; run `ttsbench report` on the run directory first"
			}
		}
		results = append(results, chartResult{name: c.name, alt: c.alt, skipped: skipped})
	}
	return results
}

// errMarkers is the cause of every marker problem, for errors.Is.
var errMarkers = errors.New("invalid ttsbench section markers")

// spliceSection returns readme with the text between the marker lines
// replaced by section, or with a heading, the markers and section appended
// when readme has no marker line.
func spliceSection(readme, section []byte) ([]byte, error) {
	begins, ends, openFence := findMarkers(readme)

	body := "\n" + strings.TrimRight(string(section), "\n") + "\n\n"
	switch {
	case len(begins) == 0 && len(ends) == 0 && openFence > 0:
		// Appended markers would sit inside the code block, where the next
		// update could not find them.
		return nil, fmt.Errorf("%w: the code fence opened on line %d is never closed; close it so that the section can be appended after it",
			errMarkers, openFence)

	case len(begins) == 0 && len(ends) == 0:
		var out bytes.Buffer
		out.Write(readme)
		if len(readme) > 0 {
			if !bytes.HasSuffix(readme, []byte("\n")) {
				out.WriteString("\n")
			}
			out.WriteString("\n")
		}
		out.WriteString(readmeHeading + "\n\n" + ReadmeBegin + "\n" + body + ReadmeEnd + "\n")
		return out.Bytes(), nil

	case len(begins) == 1 && len(ends) == 1 && begins[0].end <= ends[0].start:
		var out bytes.Buffer
		out.Write(readme[:begins[0].end])
		if !bytes.HasSuffix(readme[:begins[0].end], []byte("\n")) {
			out.WriteString("\n")
		}
		out.WriteString(body)
		out.Write(readme[ends[0].start:])
		return out.Bytes(), nil
	}

	return nil, fmt.Errorf("%w: found %s and %s; keep exactly one %s line followed by one %s line",
		errMarkers, describeMarkers(begins, "begin"), describeMarkers(ends, "end"), ReadmeBegin, ReadmeEnd)
}

// markerLine is a marker's line: its 1-based number and byte range,
// newline included.
type markerLine struct {
	number     int
	start, end int
}

func describeMarkers(lines []markerLine, kind string) string {
	if len(lines) == 0 {
		return "no " + kind + " marker"
	}
	numbers := make([]string, len(lines))
	for i, l := range lines {
		numbers[i] = fmt.Sprint(l.number)
	}
	if len(lines) == 1 {
		return kind + " marker on line " + numbers[0]
	}
	return fmt.Sprintf("%d %s markers on lines %s", len(lines), kind, strings.Join(numbers, ", "))
}

// findMarkers returns the begin and end marker lines of readme, skipping
// fenced code blocks, and the line of a fence still open at the end of
// readme, or 0.
func findMarkers(readme []byte) (begins, ends []markerLine, openFence int) {
	var (
		fence  string // the opening fence while inside a fenced block
		start  int
		number int
	)
	for start < len(readme) {
		number++
		end := len(readme)
		if i := bytes.IndexByte(readme[start:], '\n'); i >= 0 {
			end = start + i + 1
		}
		line := strings.TrimRight(string(readme[start:end]), " \t\r\n")
		indent := len(line) - len(strings.TrimLeft(line, " "))
		content := strings.TrimLeft(line, " ")

		switch {
		case fence != "":
			// A closing fence uses the same character, at least as many
			// times, and nothing after it.
			if indent <= 3 && strings.HasPrefix(content, fence) && strings.Trim(content, fence[:1]) == "" {
				fence = ""
			}
		case indent <= 3 && (strings.HasPrefix(content, "```") || strings.HasPrefix(content, "~~~")):
			fence = content[:len(content)-len(strings.TrimLeft(content, content[:1]))]
			openFence = number
		case indent <= 3 && content == ReadmeBegin:
			begins = append(begins, markerLine{number, start, end})
		case indent <= 3 && content == ReadmeEnd:
			ends = append(ends, markerLine{number, start, end})
		}
		start = end
	}
	if fence == "" {
		openFence = 0
	}
	return begins, ends, openFence
}
