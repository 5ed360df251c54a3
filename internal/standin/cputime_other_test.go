//go:build !unix

package standin

import "time"

// processCPUTime is not implemented outside Unix.
func processCPUTime() (time.Duration, bool) { return 0, false }
