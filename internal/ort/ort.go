// Package ort is ttsbench's only binding to ONNX Runtime. It loads the
// shared library once, opens Kokoro-shaped sessions and runs them.
//
// A Kokoro-shaped model takes int64 phoneme ids [1,T], a float32 style
// vector [1,256] and a float32 speed [1], and returns float32 audio of any
// rank. Two naming conventions exist: input_ids/style/speed → waveform
// (onnx-community exports) and tokens/style/speed → audio (kokoro-onnx).
package ort

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"sync"

	onnx "github.com/yalue/onnxruntime_go"
)

var (
	initMu   sync.Mutex
	initPath string
	initErr  error
)

// Init loads the ONNX Runtime library at libPath and creates the process's
// one ORT environment. Later calls with the same path return the first
// call's result. A different path is an error, because a process can load
// only one copy of the library, unless the earlier path named no file and
// so loaded nothing. Init is safe for concurrent use.
func Init(libPath string) error {
	initMu.Lock()
	defer initMu.Unlock()

	if initPath != "" {
		if libPath != initPath {
			return fmt.Errorf("ort: already initialized with %q, cannot switch to %q in the same process", initPath, libPath)
		}
		return initErr
	}
	// A missing file loads nothing, so a later call may try another path.
	if _, err := os.Stat(libPath); err != nil {
		return fmt.Errorf("ort: load %q: %w", libPath, err)
	}
	initPath = libPath
	onnx.SetSharedLibraryPath(libPath)
	if err := onnx.InitializeEnvironment(onnx.WithLogLevelError()); err != nil {
		initErr = fmt.Errorf("ort: initialize %q (needs ONNX Runtime 1.24 or newer, C API 24): %w", libPath, err)
		return initErr
	}
	return nil
}

// Version returns the loaded ONNX Runtime version, or "" before Init.
func Version() string {
	if !onnx.IsInitialized() {
		return ""
	}
	return onnx.GetVersion()
}

// Options configures a session.
type Options struct {
	// IntraOpThreads is the number of threads ORT uses inside one operator.
	// Zero means runtime.NumCPU().
	IntraOpThreads int
	// Spinning lets idle ORT threads busy-wait for work. It is off by
	// default because spinning threads burn CPU that a benchmark would then
	// count as synthesis cost.
	Spinning bool
}

// Convention names the input and output tensors of a Kokoro-shaped model.
type Convention struct {
	IDs    string // "input_ids" or "tokens"
	Style  string // "style"
	Speed  string // "speed"
	Output string // "waveform" or "audio"
}

// Session is an open model. It is safe for concurrent use: ORT allows
// concurrent Run calls on one session.
type Session struct {
	path    string
	conv    Convention
	threads int
	sess    *onnx.DynamicAdvancedSession
}

// ErrNotKokoro is returned by Open for a model whose inputs do not follow
// either Kokoro convention.
var ErrNotKokoro = errors.New("ort: model does not have Kokoro's inputs")

// Open creates a session for the model file at path. Init must have
// succeeded first.
func Open(path string, opts Options) (*Session, error) {
	if !onnx.IsInitialized() {
		return nil, errors.New("ort: Open called before Init")
	}
	conv, err := inspect(path)
	if err != nil {
		return nil, err
	}

	so, err := onnx.NewSessionOptions()
	if err != nil {
		return nil, fmt.Errorf("ort: create session options: %w", err)
	}
	defer so.Destroy()
	threads := opts.IntraOpThreads
	if threads <= 0 {
		threads = runtime.NumCPU()
	}
	if err := so.SetIntraOpNumThreads(threads); err != nil {
		return nil, fmt.Errorf("ort: set intra-op threads to %d: %w", threads, err)
	}
	if err := so.SetInterOpNumThreads(1); err != nil {
		return nil, fmt.Errorf("ort: set inter-op threads: %w", err)
	}
	spin := strconv.Itoa(boolInt(opts.Spinning))
	for _, key := range []string{"session.intra_op.allow_spinning", "session.inter_op.allow_spinning"} {
		if err := so.AddSessionConfigEntry(key, spin); err != nil {
			return nil, fmt.Errorf("ort: set %s: %w", key, err)
		}
	}

	sess, err := onnx.NewDynamicAdvancedSession(path, []string{conv.IDs, conv.Style, conv.Speed}, []string{conv.Output}, so)
	if err != nil {
		return nil, fmt.Errorf("ort: load %q: %w", path, err)
	}
	return &Session{path: path, conv: conv, threads: threads, sess: sess}, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// inspect reads the model's declared inputs and outputs and picks the
// convention it follows.
func inspect(path string) (Convention, error) {
	ins, outs, err := onnx.GetInputOutputInfo(path)
	if err != nil {
		return Convention{}, fmt.Errorf("ort: read inputs of %q: %w", path, err)
	}
	names := map[string]bool{}
	for _, in := range ins {
		names[in.Name] = true
	}
	var c Convention
	switch {
	case names["input_ids"]:
		c.IDs = "input_ids"
	case names["tokens"]:
		c.IDs = "tokens"
	default:
		return c, fmt.Errorf("%w: %q has inputs %v, expected input_ids or tokens, style and speed", ErrNotKokoro, path, inputNames(ins))
	}
	if !names["style"] || !names["speed"] {
		return c, fmt.Errorf("%w: %q has inputs %v, expected %s, style and speed", ErrNotKokoro, path, inputNames(ins), c.IDs)
	}
	c.Style, c.Speed = "style", "speed"
	if len(outs) == 0 {
		return c, fmt.Errorf("%w: %q has no outputs", ErrNotKokoro, path)
	}
	c.Output = outs[0].Name
	for _, o := range outs {
		if o.Name == "waveform" || o.Name == "audio" {
			c.Output = o.Name
			break
		}
	}
	return c, nil
}

func inputNames(infos []onnx.InputOutputInfo) []string {
	out := make([]string, len(infos))
	for i, in := range infos {
		out[i] = in.Name
	}
	return out
}

// Path returns the model file the session was opened from.
func (s *Session) Path() string { return s.path }

// Convention returns the tensor names the session uses.
func (s *Session) Convention() Convention { return s.conv }

// Threads returns the intra-op thread count in effect.
func (s *Session) Threads() int { return s.threads }

// Run synthesizes audio for padded phoneme ids (the caller adds the pad id 0
// at both ends), a 256-float style row and a speed factor. The output is
// flattened whatever its rank. Run returns early with ctx.Err() when ctx is
// cancelled, terminating the ORT run in progress.
func (s *Session) Run(ctx context.Context, ids []int64, style []float32, speed float32) ([]float32, error) {
	if len(style) != 256 {
		return nil, fmt.Errorf("ort: style has %d values, expected 256", len(style))
	}
	if len(ids) == 0 {
		return nil, errors.New("ort: no input ids")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	idsT, err := onnx.NewTensor(onnx.NewShape(1, int64(len(ids))), ids)
	if err != nil {
		return nil, fmt.Errorf("ort: ids tensor: %w", err)
	}
	defer idsT.Destroy()
	styleT, err := onnx.NewTensor(onnx.NewShape(1, 256), style)
	if err != nil {
		return nil, fmt.Errorf("ort: style tensor: %w", err)
	}
	defer styleT.Destroy()
	speedT, err := onnx.NewTensor(onnx.NewShape(1), []float32{speed})
	if err != nil {
		return nil, fmt.Errorf("ort: speed tensor: %w", err)
	}
	defer speedT.Destroy()

	ro, err := onnx.NewRunOptions()
	if err != nil {
		return nil, fmt.Errorf("ort: run options: %w", err)
	}
	defer ro.Destroy()
	terminated := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		defer close(terminated)
		_ = ro.Terminate()
	})
	defer func() {
		// stop returns false once the callback has started. Wait for it to
		// finish so that the deferred ro.Destroy cannot free the run
		// options while Terminate is using them.
		if !stop() {
			<-terminated
		}
	}()

	outputs := []onnx.Value{nil}
	err = s.sess.RunWithOptions([]onnx.Value{idsT, styleT, speedT}, outputs, ro)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("ort: run %q on %d ids: %w", s.path, len(ids), err)
	}
	defer outputs[0].Destroy()
	t, ok := outputs[0].(*onnx.Tensor[float32])
	if !ok {
		return nil, fmt.Errorf("ort: output %q is %T, expected a float32 tensor", s.conv.Output, outputs[0])
	}
	data := t.GetData()
	audio := make([]float32, len(data))
	copy(audio, data)
	return audio, nil
}

// Close releases the session. The session must not be used afterwards.
func (s *Session) Close() error {
	if s.sess == nil {
		return nil
	}
	err := s.sess.Destroy()
	s.sess = nil
	return err
}
