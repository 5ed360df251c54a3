package kokoro

import (
	"container/list"
	"fmt"
	"strings"
	"sync"
)

// CacheStatus says where a result's audio came from.
type CacheStatus string

// Cache statuses, as observed by the engine for each request.
const (
	// CacheHit means the audio was served from the cache; no model ran.
	CacheHit CacheStatus = "hit"
	// CacheMiss means the cache was consulted, had no entry, and the model ran.
	CacheMiss CacheStatus = "miss"
	// CacheBypass means the request skipped the cache altogether.
	CacheBypass CacheStatus = "bypass"
)

// CacheMode selects how a request uses the audio cache.
type CacheMode int

const (
	// CacheDefault looks the request up and stores a miss's audio.
	CacheDefault CacheMode = iota
	// CacheReadOnly looks the request up but never stores, so repeated
	// uncached requests stay misses. Benchmarks use it for prompts that
	// must be measured uncached.
	CacheReadOnly
	// CacheOff neither looks up nor stores.
	CacheOff
)

// DefaultCacheBytes is the audio cache's default byte budget: about 11
// minutes of 24 kHz float32 audio.
const DefaultCacheBytes = 64 << 20

// cacheKey identifies one cached utterance.
type cacheKey struct {
	variant string
	voice   string
	speed   float32
	text    string // normalized: see cacheText
}

func (k cacheKey) String() string {
	return fmt.Sprintf("%s/%s/%.3g/%q", k.variant, k.voice, k.speed, k.text)
}

// cacheText folds the differences that do not change the audio: runs of
// white space and leading or trailing space.
func cacheText(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

type cacheEntry struct {
	key    cacheKey
	chunks []Chunk
	bytes  int64
}

// audioCache is an LRU cache of synthesized chunks bounded by the bytes of
// audio it keeps. It is safe for concurrent use.
type audioCache struct {
	mu      sync.Mutex
	budget  int64
	used    int64
	order   *list.List // front = most recently used
	entries map[cacheKey]*list.Element
}

func newAudioCache(budget int64) *audioCache {
	return &audioCache{budget: budget, order: list.New(), entries: map[cacheKey]*list.Element{}}
}

func (c *audioCache) get(k cacheKey) ([]Chunk, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cacheEntry).chunks, true
}

// put stores chunks under k and evicts the least recently used entries
// until the budget holds. An entry larger than the whole budget is not
// stored, and put reports false.
func (c *audioCache) put(k cacheKey, chunks []Chunk) bool {
	if c == nil {
		return false
	}
	var size int64
	for _, ch := range chunks {
		size += int64(len(ch.Audio)) * 4
	}
	if size > c.budget {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.entries[k]; ok {
		c.used -= el.Value.(*cacheEntry).bytes
		c.order.Remove(el)
		delete(c.entries, k)
	}
	for c.used+size > c.budget {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		c.used -= e.bytes
		c.order.Remove(last)
		delete(c.entries, e.key)
	}
	c.entries[k] = c.order.PushFront(&cacheEntry{key: k, chunks: chunks, bytes: size})
	c.used += size
	return true
}

// CacheStats describes the cache's contents.
type CacheStats struct {
	Entries     int   // utterances stored
	Bytes       int64 // bytes of audio stored
	BudgetBytes int64 // maximum bytes of audio kept
}

func (c *audioCache) stats() CacheStats {
	if c == nil {
		return CacheStats{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Entries: len(c.entries), Bytes: c.used, BudgetBytes: c.budget}
}
