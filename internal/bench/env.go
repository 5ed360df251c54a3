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
		f := report.ModelFile{Name: v.name}
		if v.missing == "" {
			f.SizeBytes = v.sizeBytes
			if sum, err := sha256File(v.path); err == nil {
				f.SHA256 = sum
			}
		}
		env.ModelFiles = append(env.ModelFiles, f)
	}
	return env
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

// Revision returns the VCS revision ttsbench was built from, with
// "-dirty" when the work tree had changes, or "unknown".
func Revision() string {
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
