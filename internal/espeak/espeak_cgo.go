//go:build cgo

package espeak

/*
#cgo pkg-config: espeak-ng
#include <stdlib.h>
#include <espeak-ng/speak_lib.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unsafe"
)

// mu guards every call into espeak-ng and the variables below it.
// espeak-ng keeps the current voice and its translator in globals, so
// unsynchronized calls return wrong phonemes or crash.
var (
	mu           sync.Mutex
	initialized  bool
	initErr      error
	currentVoice string
)

// initLocked initializes espeak-ng once. The caller holds mu and has
// locked the OS thread.
func initLocked() error {
	if initialized {
		return initErr
	}
	initialized = true

	// DONT_EXIT makes espeak-ng return an error instead of calling exit()
	// when its data files are missing.
	rate := C.espeak_Initialize(C.AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, C.espeakINITIALIZE_DONT_EXIT)
	if rate < 0 {
		initErr = fmt.Errorf("espeak: initialize espeak-ng failed (status %d); install espeak-ng-data or set ESPEAK_DATA_PATH to its folder", int(rate))
	}
	return initErr
}

// setVoiceLocked selects voice unless it is already selected. The caller
// holds mu.
func setVoiceLocked(voice string) error {
	if voice == currentVoice {
		return nil
	}
	cname := C.CString(voice)
	defer C.free(unsafe.Pointer(cname))

	status := C.espeak_SetVoiceByName(cname)
	if status != C.EE_OK {
		// Voice files are named by language ("fr", "en-us"), so a language
		// tag that is not a file name ("fr-fr") is looked up as a language.
		var spec C.espeak_VOICE
		spec.languages = cname
		status = C.espeak_SetVoiceByProperties(&spec)
	}
	if status != C.EE_OK {
		currentVoice = ""
		return fmt.Errorf("espeak: voice %q not found (status %d); run `espeak-ng --voices` to list the installed voices", voice, int(status))
	}
	currentVoice = voice
	return nil
}

// Phonemize returns the IPA phonemes of text as read by the espeak-ng voice
// named voice (for example "en-us", "en" or "fr-fr"), with stress marks and
// without tie bars: the phonemes that `espeak-ng -q --ipa -v voice` prints,
// without its synthesis. espeak-ng drops punctuation and reads one clause
// at a time. The clauses are joined with one space, and clauses with no
// phonemes are left out. Markers of a switch to another language, such as
// "(en)", are removed. Invalid UTF-8 and control characters other than
// tab, newline and carriage return are read as spaces.
//
// Phonemize is safe for concurrent use; calls are serialized.
func Phonemize(text, voice string) (string, error) {
	if voice == "" {
		return "", fmt.Errorf("espeak: empty voice name; pass an espeak-ng voice such as \"en-us\"")
	}
	text = sanitize(text)

	mu.Lock()
	defer mu.Unlock()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	if err := initLocked(); err != nil {
		return "", err
	}
	if err := setVoiceLocked(voice); err != nil {
		return "", err
	}
	if strings.TrimSpace(text) == "" {
		return "", nil
	}

	ctext := C.CString(text)
	defer C.free(unsafe.Pointer(ctext))

	var (
		clauses []string
		tone    = toneLanguage(voice)
		pos     = unsafe.Pointer(ctext)
		end     = uintptr(unsafe.Pointer(ctext)) + uintptr(len(text))
	)
	// espeak-ng advances pos past each clause it reads and sets it to NULL
	// after the last one. The check on progress guards against a loop that
	// would never end if a clause consumed no input.
	for pos != nil {
		before := uintptr(pos)
		out := C.espeak_TextToPhonemes(&pos, C.espeakCHARS_UTF8, C.espeakPHONEMES_IPA)
		if out != nil {
			if s := strings.TrimSpace(stripLangSwitch(C.GoString(out))); s != "" {
				if !tone {
					s = promoteStress(s)
				}
				clauses = append(clauses, s)
			}
		}
		if pos != nil && (uintptr(pos) <= before || uintptr(pos) > end) {
			return "", fmt.Errorf("espeak: espeak-ng stopped advancing at byte %d of %d of the text; split the text or report it as a bug", before-uintptr(unsafe.Pointer(ctext)), len(text))
		}
	}
	return strings.Join(clauses, " "), nil
}

// Version returns the version of the linked espeak-ng library, such as
// "1.51".
//
// Version is safe for concurrent use.
func Version() string {
	mu.Lock()
	defer mu.Unlock()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	return C.GoString(C.espeak_Info(nil))
}
