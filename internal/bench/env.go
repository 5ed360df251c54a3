package bench

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/shirou/gopsutil/v4/cpu"
	"github.com/shirou/gopsutil/v4/host"

	"github.com/ttsbench/ttsbench/internal/report"
	"github.com/ttsbench/ttsbench/kokoro"
)

// collectEnv describes the machine, the software and the model files of a
// run for results.json and the report.
func collectEnv(md *kokoro.ModelDir, variants []variantSpec, plan Plan, args []string) report.Env {
	env := report.Env{
		CPUModel:       cpuModel(),
		LogicalCores:   runtime.NumCPU(),
		OS:             runtime.GOOS + "/" + runtime.GOARCH,
		Kernel:         kernelVersion(),
		GoVersion:      runtime.Version(),
		IntraOpThreads: plan.Threads,
		Revision:       Revision(),
		ModelDir:       md.Dir,
		StandIn:        md.StandIn,
		StartedAt:      time.Now(),
		CommandLine:    args,
	}
	if env.IntraOpThreads == 0 {
		env.IntraOpThreads = runtime.NumCPU()
	}
	for _, v := range variants {
		if v.missing != "" {
			continue // its rows carry the reason; a file that is not there has no size or digest
		}
		f := report.ModelFile{Name: v.name, SizeBytes: v.sizeBytes}
		if sum, err := sha256File(v.path); err == nil {
			f.SHA256 = sum
		}
		env.ModelFiles = append(env.ModelFiles, f)
	}
	env.Settings = planSettings(plan)
	return env
}

// planSettings lists the plan's settings for results.json and the report.
func planSettings(p Plan) []report.Setting {
	var prompts []string
	for _, pr := range p.Prompts {
		s := fmt.Sprintf("%s=%q", pr.ID, pr.Text)
		if pr.Prewarm {
			s += " (pre-warmed)"
		}
		prompts = append(prompts, s)
	}
	threads := "all cores"
	if p.Threads > 0 {
		threads = fmt.Sprint(p.Threads)
	}
	cacheBytes := "engine default"
	if p.CacheBytes != 0 {
		cacheBytes = fmt.Sprint(p.CacheBytes)
	}
	settings := []report.Setting{
		{Name: "variants", Value: orAll(p.Variants)},
		{Name: "voices", Value: orAll(p.Voices)},
		{Name: "prompts", Value: strings.Join(prompts, "; ")},
		{Name: "repetitions", Value: fmt.Sprint(p.Repetitions)},
		{Name: "warmup", Value: fmt.Sprint(p.Warmup)},
		{Name: "speed", Value: fmt.Sprint(p.Speed)},
		{Name: "threads", Value: threads},
		{Name: "cache_bytes", Value: cacheBytes},
	}
	if p.Dictionary != "" {
		settings = append(settings, report.Setting{Name: "dictionary", Value: p.Dictionary})
	}
	return settings
}

func orAll(patterns []string) string {
	if len(patterns) == 0 {
		return "default"
	}
	return strings.Join(patterns, ",")
}

func cpuModel() string {
	infos, err := cpu.Info()
	if err != nil || len(infos) == 0 {
		return "unknown"
	}
	return strings.TrimSpace(infos[0].ModelName)
}

func kernelVersion() string {
	info, err := host.Info()
	if err != nil {
		return "unknown"
	}
	if info.Platform != "" {
		return fmt.Sprintf("%s (%s %s)", info.KernelVersion, info.Platform, info.PlatformVersion)
	}
	return info.KernelVersion
}

// revision is set at link time by the Makefile (-X), for builds where Go
// records no VCS information, such as GOFLAGS=-buildvcs=false.
var revision string

// Revision returns the VCS revision ttsbench was built from, with
// "-dirty" when the work tree had changes, or "unknown".
func Revision() string {
	if revision != "" {
		return revision
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "-dirty"
			}
		}
	}
	if rev == "" {
		return "unknown"
	}
	return rev + dirty
}

func sha256File(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
