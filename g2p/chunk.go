package g2p

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ttsbench/ttsbench/normalize"
)

// DefaultFirstChunkMaxIDs is the default cap on the ids of the first chunk
// of a text. The longest sentence of the 135 English sentences that the
// package's parity tests use has 140 ids and most have 20 to 100, so the cap
// leaves ordinary first sentences whole (as kokoro-js reads them) and splits
// only a long one, whose synthesis would delay the first audio.
const DefaultFirstChunkMaxIDs = 150

// ErrNoSpeech is returned, wrapped, by Phonemizer.Chunks when the text
// gives no phoneme ids at all, such as an empty string.
var ErrNoSpeech = errors.New("g2p: text has nothing to speak")

// ErrOverrideTooLong is returned, wrapped, by Phonemizer.Chunks when the
// phonemes of one inline override are more than a chunk can hold. A chunk
// never splits an override.
var ErrOverrideTooLong = errors.New("g2p: pronunciation override is longer than a chunk")

// A Chunk is a piece of text that the model reads in one run: a sentence,
// or part of a sentence too long for one run.
type Chunk struct {
	// Text is the part of the input that the chunk speaks, trimmed and
	// before normalization.
	Text string
	// Phonemes is the Kokoro phoneme string of Text.
	Phonemes string
	// IDs are the vocabulary ids of Phonemes, without pads; there is at
	// least one and at most the chunk limit (MaxIDs by default).
	IDs []int64
	// Dropped is the number of runes of Phonemes left out of IDs because
	// they are not in the vocabulary.
	Dropped int
}

// Normalization selects how text is normalized before espeak-ng reads it.
type Normalization int

const (
	// NormalizeText uses normalize.Text, the project's normalizer: kokoro-js's
	// readings where kokoro-js has one, plus rules for what kokoro-js and
	// espeak-ng read wrongly (€ amounts, Roman numerals, fractions, units).
	NormalizeText Normalization = iota
	// NormalizeKokoroJS uses normalize.KokoroJS, a port of kokoro-js
	// 1.2.1's normalize_text, for output identical to kokoro-js's. It
	// applies its English rules whatever the language.
	NormalizeKokoroJS
	// NormalizeNone sends the text to espeak-ng as it is.
	NormalizeNone
)

// Options configures a Phonemizer. The zero value gives the defaults.
type Options struct {
	// MaxIDs is the maximum number of ids in a chunk, pads excluded. Zero
	// means the package constant MaxIDs (510), the most the model reads;
	// negative values and values above 510 are invalid.
	MaxIDs int
	// FirstChunkMaxIDs is the maximum number of ids in the first chunk of
	// a text, pads excluded. A first chunk over it is split at clause
	// punctuation. When its first clause is still over it, the clause is
	// split between words, but a single word over it stays whole. Zero
	// means DefaultFirstChunkMaxIDs, and a negative value or one at or above
	// the chunk limit turns the cap off.
	FirstChunkMaxIDs int
	// Normalization selects the normalizer; the zero value is
	// NormalizeText.
	Normalization Normalization
	// Dictionary gives the phonemes of words that are then not read by
	// espeak-ng, matched after normalization; nil means none. The
	// Phonemizer reads it without copying, and a Dictionary is never
	// changed.
	Dictionary *Dictionary
}

// A Phonemizer turns text into chunks of phoneme ids. It is safe for
// concurrent use, but its calls into espeak-ng run one at a time because
// espeak-ng is not thread-safe.
type Phonemizer struct {
	maxIDs        int
	firstMaxIDs   int // 0 when the first chunk has no cap of its own
	normalization Normalization
	dict          *Dictionary
}

// New returns a Phonemizer configured by opts. It returns an error if an
// option is out of range.
func New(opts Options) (*Phonemizer, error) {
	p := &Phonemizer{maxIDs: MaxIDs, firstMaxIDs: DefaultFirstChunkMaxIDs, normalization: opts.Normalization, dict: opts.Dictionary}

	if opts.Normalization < NormalizeText || opts.Normalization > NormalizeNone {
		return nil, fmt.Errorf("g2p: invalid Normalization %d; use NormalizeText, NormalizeKokoroJS or NormalizeNone", opts.Normalization)
	}

	switch {
	case opts.MaxIDs < 0 || opts.MaxIDs > MaxIDs:
		return nil, fmt.Errorf("g2p: invalid MaxIDs %d; use 1 to %d, or 0 for %d", opts.MaxIDs, MaxIDs, MaxIDs)
	case opts.MaxIDs > 0:
		p.maxIDs = opts.MaxIDs
	}

	switch {
	case opts.FirstChunkMaxIDs < 0:
		p.firstMaxIDs = 0
	case opts.FirstChunkMaxIDs > 0:
		p.firstMaxIDs = opts.FirstChunkMaxIDs
	}
	if p.firstMaxIDs >= p.maxIDs {
		p.firstMaxIDs = 0
	}
	return p, nil
}

// Chunks returns the chunks of text, in order, for the Kokoro voice named
// voice ("af_heart", "bf_emma", ...). Each sentence (see SplitSentences)
// is one chunk. A sentence over the chunk limit is split at clause
// punctuation (, ; : —), then between words, and a single word longer than
// the limit is cut between runes, so no text is left out. Chunks whose text
// gives no ids at all are left out.
//
// Text may contain inline pronunciation overrides, "[Kokoro](/kˈOkəɹO/)":
// the link text is spoken with the phonemes between the slashes, which
// bypass normalization and espeak-ng, and chunk texts show the link text.
// No sentence or chunk boundary falls inside an override. Text that does
// not match that syntax exactly is read as plain text, and the default
// normalizer reads any other Markdown link as its link text.
//
// Chunks returns an error wrapping ErrNoSpeech when no chunk is left, one
// wrapping ErrOverrideTooLong for an override over the chunk limit, an
// error from LangForVoice for a voice of unknown language, and ctx's error
// when ctx ends first.
func (p *Phonemizer) Chunks(ctx context.Context, text, voice string) ([]Chunk, error) {
	lang, err := LangForVoice(voice)
	if err != nil {
		return nil, err
	}
	text = strings.ToValidUTF8(text, " ")
	protected, ovs := protectOverrides(text)
	in := &input{lang: lang, given: givenPhonemes{overrides: ovs, dict: p.dict}}

	var chunks []Chunk
	for _, sentence := range SplitSentences(protected) {
		var (
			cs  []Chunk
			err error
		)
		if len(chunks) == 0 && p.firstMaxIDs > 0 {
			cs, err = p.fitFirst(ctx, sentence, in)
		} else {
			cs, err = p.fit(ctx, sentence, in, p.maxIDs)
		}
		if err != nil {
			return nil, err
		}
		for _, c := range cs {
			if len(c.IDs) > 0 {
				chunks = append(chunks, c)
			}
		}
	}
	if len(chunks) == 0 {
		return nil, fmt.Errorf("%w: %q gives no phonemes; pass text with words or numbers", ErrNoSpeech, clip(text))
	}
	return chunks, nil
}

// input is what the chunks of one text share: its language and the
// phonemes that the user gives for parts of it. The text that the chunk
// functions cut has a placeholder rune in place of each inline override.
type input struct {
	lang  Lang
	given givenPhonemes
}

// chunk normalizes and phonemizes text as one chunk, whatever its length.
func (p *Phonemizer) chunk(ctx context.Context, text string, in *input) (Chunk, error) {
	normalized := text
	switch p.normalization {
	case NormalizeText:
		normalized = in.given.overrides.normalizeAround(text, func(s string) string { return normalize.Text(s, string(in.lang)) })
	case NormalizeKokoroJS:
		normalized = in.given.overrides.normalizeAround(text, normalize.KokoroJS)
	}
	ps, err := phonemize(ctx, normalized, in.lang, in.given)
	if err != nil {
		return Chunk{}, err
	}
	ids, dropped := Tokenize(ps)
	return Chunk{Text: jsTrim(in.given.overrides.linkText(text)), Phonemes: ps, IDs: ids, Dropped: dropped}, nil
}

// A splitLevel is a kind of boundary to cut an over-long text at. Levels
// go from the coarsest to the finest.
type splitLevel int

// middlePieceRunes is the length of the pieces that a word too long for
// one chunk is cut into before they are packed into chunks again.
const middlePieceRunes = 64

const (
	atClauses splitLevel = iota // after , ; : — and the whitespace after them
	atWords                     // after each run of whitespace
	inMiddle                    // between runes, into pieces of middlePieceRunes
)

// fit returns text as chunks of at most limit ids each.
func (p *Phonemizer) fit(ctx context.Context, text string, in *input, limit int) ([]Chunk, error) {
	c, err := p.chunk(ctx, text, in)
	if err != nil {
		return nil, err
	}
	if len(c.IDs) <= limit {
		return []Chunk{c}, nil
	}
	return p.split(ctx, text, in, limit, atClauses)
}

// split cuts text, which is over limit, at the first level from level on
// that yields two or more pieces, and packs the pieces into chunks.
func (p *Phonemizer) split(ctx context.Context, text string, in *input, limit int, level splitLevel) ([]Chunk, error) {
	for ; level <= inMiddle; level++ {
		if pieces := splitAt(text, level); len(pieces) >= 2 {
			return p.pack(ctx, pieces, in, limit, level)
		}
	}
	// Only a single rune is left. No letter reads as hundreds of phonemes,
	// but the placeholder of an override can stand for any number.
	if len(in.given.overrides.count(text)) > 0 {
		return nil, fmt.Errorf("%w: %q gives more than %d ids; split it into several overrides", ErrOverrideTooLong, clip(in.given.overrides.sourceText(text)), limit)
	}
	return nil, fmt.Errorf("g2p: %q gives more than %d ids and cannot be split further", clip(text), limit)
}

// pack joins consecutive pieces into chunks of at most limit ids each. It
// estimates the ids of a run of pieces as the sum over the pieces plus one
// space between each two, takes the longest run that the estimate allows,
// and shortens the run while the joined text is over limit.
func (p *Phonemizer) pack(ctx context.Context, pieces []string, in *input, limit int, level splitLevel) ([]Chunk, error) {
	alone := make([]Chunk, len(pieces))
	for i, piece := range pieces {
		c, err := p.chunk(ctx, piece, in)
		if err != nil {
			return nil, err
		}
		alone[i] = c
	}

	var chunks []Chunk
	for i := 0; i < len(pieces); {
		j, total := i+1, len(alone[i].IDs)
		for j < len(pieces) && total+1+len(alone[j].IDs) <= limit {
			total += 1 + len(alone[j].IDs)
			j++
		}

		j, run, err := p.longestRun(ctx, pieces, i, j, in, limit)
		if err != nil {
			return nil, err
		}

		switch {
		case j > i+1:
			chunks = append(chunks, run)
		case len(alone[i].IDs) <= limit:
			chunks = append(chunks, alone[i])
		default:
			// One piece alone is over limit: cut it at a finer level.
			cs, err := p.split(ctx, pieces[i], in, limit, min(level+1, inMiddle))
			if err != nil {
				return nil, err
			}
			chunks = append(chunks, cs...)
		}
		i = j
	}
	return chunks, nil
}

// longestRun returns the largest end in (start, hi] such that the joined
// pieces[start:end] give at most limit ids, with their chunk. It returns
// start+1 and an empty chunk when no run of two or more pieces fits. The
// ids of a run grow with its length (nearly always), so a binary search
// needs a few calls to espeak-ng where shortening one piece at a time
// could need hundreds.
func (p *Phonemizer) longestRun(ctx context.Context, pieces []string, start, hi int, in *input, limit int) (int, Chunk, error) {
	var (
		lo    = start + 1 // a run known to fit, or a single piece
		best  Chunk
		first = true
	)
	for lo < hi {
		// Try the estimate itself first, then search below it.
		mid := hi
		if !first {
			mid = lo + (hi-lo+1)/2
		}
		first = false

		c, err := p.chunk(ctx, strings.Join(pieces[start:mid], ""), in)
		if err != nil {
			return 0, Chunk{}, err
		}
		if len(c.IDs) <= limit {
			lo, best = mid, c
		} else {
			hi = mid - 1
		}
	}
	return lo, best, nil
}

// fitFirst returns the chunks of sentence, the sentence that holds the
// first chunk of a text, with the first chunk cut to at most p.firstMaxIDs
// ids at a clause or word boundary where one allows it.
func (p *Phonemizer) fitFirst(ctx context.Context, sentence string, in *input) ([]Chunk, error) {
	c, err := p.chunk(ctx, sentence, in)
	if err != nil {
		return nil, err
	}
	if len(c.IDs) <= p.firstMaxIDs {
		return []Chunk{c}, nil
	}

	head, tail, err := p.cutHead(ctx, sentence, in, atClauses)
	if err != nil {
		return nil, err
	}
	chunks, err := p.fit(ctx, head, in, p.maxIDs)
	if err != nil || jsTrim(tail) == "" {
		return chunks, err
	}
	rest, err := p.fit(ctx, tail, in, p.maxIDs)
	if err != nil {
		return nil, err
	}
	return append(chunks, rest...), nil
}

// cutHead cuts text into the longest run of leading pieces (clauses, or
// words from level atWords) whose ids fit p.firstMaxIDs, and the rest. When
// the first clause alone is over the cap it is cut between words; when the
// first word alone is, head is that word.
func (p *Phonemizer) cutHead(ctx context.Context, text string, in *input, level splitLevel) (head, tail string, err error) {
	for ; level <= atWords; level++ {
		pieces := splitAt(text, level)
		if len(pieces) < 2 {
			continue
		}

		sizes := make([]int, len(pieces))
		for i, piece := range pieces {
			c, err := p.chunk(ctx, piece, in)
			if err != nil {
				return "", "", err
			}
			sizes[i] = len(c.IDs)
		}
		// k is the number of leading pieces in the head, estimated as in
		// pack and then checked; the tail keeps at least one piece.
		k, total := 1, sizes[0]
		for k < len(pieces)-1 && total+1+sizes[k] <= p.firstMaxIDs {
			total += 1 + sizes[k]
			k++
		}
		k, _, err := p.longestRun(ctx, pieces, 0, k, in, p.firstMaxIDs)
		if err != nil {
			return "", "", err
		}
		if k > 1 || sizes[0] <= p.firstMaxIDs {
			return strings.Join(pieces[:k], ""), strings.Join(pieces[k:], ""), nil
		}

		// The first piece alone is over the cap.
		if level == atClauses {
			head, tail, err := p.cutHead(ctx, pieces[0], in, atWords)
			return head, tail + strings.Join(pieces[1:], ""), err
		}
		return pieces[0], strings.Join(pieces[1:], ""), nil
	}
	return text, "", nil
}

// clausePunct ends a clause where whitespace follows it; an em dash ends
// one even without whitespace ("well—I think").
const clausePunct = ",;:—"

// splitAt cuts text into pieces at level. Each piece keeps the punctuation
// and whitespace that end it, so the pieces joined give text back. It
// returns one piece when there is no place to cut.
func splitAt(text string, level splitLevel) []string {
	var pieces []string
	switch level {
	case atClauses:
		start := 0
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !strings.ContainsRune(clausePunct, r) {
				i += size
				continue
			}
			// Take the whole run of clause punctuation, then the whitespace.
			end, dash := i, false
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(clausePunct, r) {
					break
				}
				dash = dash || r == '—'
				end += size
			}
			spaceStart := end
			for end < len(text) {
				r, size := utf8.DecodeRuneInString(text[end:])
				if !isJSSpace(r) {
					break
				}
				end += size
			}
			if (end > spaceStart || dash) && end < len(text) && jsTrim(text[start:end]) != "" {
				pieces = append(pieces, text[start:end])
				start = end
			}
			i = end
		}
		pieces = append(pieces, text[start:])

	case atWords:
		start := 0
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			i += size
			if !isJSSpace(r) {
				continue
			}
			for i < len(text) {
				r, size := utf8.DecodeRuneInString(text[i:])
				if !isJSSpace(r) {
					break
				}
				i += size
			}
			if i < len(text) && jsTrim(text[start:i]) != "" {
				pieces = append(pieces, text[start:i])
				start = i
			}
		}
		pieces = append(pieces, text[start:])

	case inMiddle:
		runes := []rune(text)
		size := len(runes) / 2
		if len(runes) > 2*middlePieceRunes {
			size = middlePieceRunes
		}
		for start := 0; start < len(runes); {
			end := min(start+max(size, 1), len(runes))
			// Keep combining marks with the rune they modify.
			for end < len(runes) && unicode.Is(unicode.M, runes[end]) && end-start < 2*max(size, 1) {
				end++
			}
			pieces = append(pieces, string(runes[start:end]))
			start = end
		}
	}
	return pieces
}
