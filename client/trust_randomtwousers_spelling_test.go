package client_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"

	"github.com/taroreq/taroreq/client"
)

// The harness's fifth part: spellings of a host. Every origin of the world
// is 127.0.0.1 on a port of its own, and fetch's URL parser, as the client,
// reads 127.1, 0x7f.1, 2130706433, 0177.0.0.1, a trailing dot, escapes
// and fullwidth digits as that address too (the scheme in capitals as
// http). A client's calls (not a plain http.Client's: net/http hands such
// a name to the resolver) spell their URLs, their backups, the client's
// base URL and the Locations the origins send them so: every check
// (same-origin, credentials stripped on a hop or a backup, the store's and
// the HTTP cache's keys, the jar) must read one origin per port, whatever
// the spelling.

var tfHostSpellings = []string{"127.0.0.1", "127.1", "0x7f.1", "2130706433", "0177.0.0.1", "127.0.0.1.",
	"%31%32%37.0.0.1", "\uff11\uff12\uff17.\uff10.\uff10.\uff11", "0X7F.0.0.1", "127.0.1"}

// tfSpell spells the host 127.0.0.1 in u the i'th way (i modulo twice the
// spellings: the second half with the scheme in capitals).
func tfSpell(u string, i int) string {
	if !strings.Contains(u, "127.0.0.1") {
		return u
	}
	i %= 2 * len(tfHostSpellings)
	s := strings.Replace(u, "127.0.0.1", tfHostSpellings[i%len(tfHostSpellings)], 1)
	if i >= len(tfHostSpellings) {
		s = strings.Replace(s, "http://", "HTTP://", 1)
	}
	return s
}

// tfOn reports whether u is a URL of origin o, however its host is spelled
// (the origins differ by port alone).
func tfOn(o *tfOrigin, u string) bool {
	return strings.Contains(u, o.srv.URL[strings.LastIndexByte(o.srv.URL, ':'):]+"/")
}

// tfSpellOption spells o's URLs when the world's calls are a client's
// (tfWorld.spell): a path of A's may become an absolute URL on A, spelled
// another way. It says what it drew.
func tfSpellOption(rng *rand.Rand, w *tfWorld, o *client.Option) string {
	if !w.spell.Load() {
		return ""
	}
	if !strings.HasPrefix(o.URL, "http") && rng.IntN(4) == 0 {
		o.URL = w.orig["A"].srv.URL + o.URL // one origin with the base, another spelling maybe
	}
	o.URL = tfSpell(o.URL, rng.IntN(2*len(tfHostSpellings)))
	for i := range o.Backup {
		o.Backup[i] = tfSpell(o.Backup[i], rng.IntN(2*len(tfHostSpellings)))
	}
	return fmt.Sprintf(" spelled: url=%s backup=%v", o.URL, o.Backup)
}

// tfOwnConditions gives a GET of a client's call (tfWorld.spell) a header
// the HTTP cache answers only from an entry, or sends on as it is: the
// caller's own If-None-Match (a version of tfServe's ETags) or
// If-Modified-Since, or a Range. It says what it drew.
func tfOwnConditions(rng *rand.Rand, w *tfWorld, o *client.Option) string {
	if !w.spell.Load() || o.Method != "" || o.JSONP || o.EnableChunked || rng.IntN(5) > 0 {
		return ""
	}
	h := o.Header.Clone()
	if h == nil {
		h = http.Header{}
	}
	switch rng.IntN(3) {
	case 0:
		h.Set("If-None-Match", fmt.Sprintf(`"v%d"`, rng.IntN(2)))
	case 1:
		h.Set("If-Modified-Since", "Sun, 29 Nov 2026 00:00:00 GMT")
	default:
		if w.shared {
			// A part of a shared cache's answer for every user cannot be
			// read for what says so (tfCheck reads the whole body's cc).
			h.Set("If-None-Match", `"v0"`)
			break
		}
		h.Set("Range", fmt.Sprintf("bytes=%d-%d", rng.IntN(40), 40+rng.IntN(200)))
	}
	o.Header = h
	if o.Mode == client.ModeNoCORS {
		o.Mode = client.ModeCORS // no-cors sends no such header
	}
	return fmt.Sprintf(" own=%v", h)
}
