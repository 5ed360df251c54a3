// Package deps pins the project's third-party modules while the packages
// that use them are written. It is removed once every module has a user.
package deps

import (
	_ "github.com/openai/openai-go/v3"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/schollz/progressbar/v3"
	_ "github.com/shirou/gopsutil/v4/cpu"
	_ "github.com/spf13/cobra"
	_ "github.com/yalue/onnxruntime_go"
	_ "golang.org/x/sync/errgroup"
	_ "golang.org/x/term"
	_ "gonum.org/v1/plot"
	_ "gopkg.in/yaml.v3"
)
