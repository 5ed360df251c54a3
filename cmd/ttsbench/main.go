// Command ttsbench measures text-to-speech: the Kokoro-82M ONNX variants
// in-process and OpenAI-compatible speech servers over HTTP.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/ttsbench/ttsbench/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
