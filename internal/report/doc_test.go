package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The metrics page documents every column the package writes.
func TestMetricsDocCoversColumns(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(filepath.Join("..", "..", "docs", "metrics.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for _, column := range columns {
		if !strings.Contains(doc, "| `"+column+"` |") {
			t.Errorf("docs/metrics.md has no table line for CSV column %q", column)
		}
	}
	for _, m := range summaryMetrics {
		if !strings.Contains(doc, "`"+m.column+"`") {
			t.Errorf("docs/metrics.md does not name summary metric %q", m.column)
		}
	}
	for _, stat := range []string{"_median", "_p95", "_min", "_max", "_stddev"} {
		if !strings.Contains(doc, "`<metric>"+stat+"`") {
			t.Errorf("docs/metrics.md does not describe summary column <metric>%s", stat)
		}
	}
	for _, c := range charts {
		if !strings.Contains(doc, "| `"+c.name+"` |") {
			t.Errorf("docs/metrics.md has no table line for chart %q", c.name)
		}
	}
}
