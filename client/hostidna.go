package client

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"
)

// errDomain is a host that fetch's URL parser refuses as a domain: one that
// UTS #46 cannot map to ASCII (a disallowed code point such as U+2488 or
// U+FFFD, a zero width joiner out of place, a broken bidi label, an xn--
// label that is no Punycode), that maps to nothing, or that holds a
// forbidden domain code point (space, '%', '<', '^', '|', a control...)
// once mapped.
var errDomain = errors.New("the host is no valid domain")

// whatwgIDNA is "domain to ASCII" as the WHATWG URL standard runs UTS #46
// for a URL's host: CheckHyphens, UseSTD3ASCIIRules and VerifyDnsLength
// off (a_b, -x-, a..b are hosts), CheckBidi and CheckJoiners on,
// nontransitional processing (ß stays ß: xn--zca). An idna.Profile is
// safe for concurrent use and holds no mutable state.
var whatwgIDNA = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.CheckHyphens(false),
	idna.CheckJoiners(true),
	idna.BidiRule(),
	idna.StrictDomainName(false),
	idna.VerifyDNSLength(false),
)

// domainToASCII is name (a URL's host without its port, not an IPv6
// literal, already percent-decoded) as fetch's URL parser writes it: the
// one ASCII spelling every origin check, credential rule, cache key and
// cookie reads, and the name dialed. EXAMPLE。com and ｅｘａｍｐｌｅ.com
// are example.com, bücher.example is xn--bcher-kva.example, and exаmple.com
// with a Cyrillic а is xn--exmple-4nf.com, another host. A lower-case
// ASCII name without an xn-- label comes back as it is, without an
// allocation.
func domainToASCII(name string) (string, error) {
	if !utf8.ValidString(name) {
		// fetch decodes the bytes as UTF-8, each bad sequence U+FFFD,
		// which UTS #46 disallows.
		return "", fmt.Errorf("%w: not UTF-8", errDomain)
	}
	ascii, upper := true, false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	out := name
	if ascii && !hasPunycodeLabel(name) {
		// The standard's own shortcut: for such a name UTS #46 only
		// lowers the letters.
		if upper {
			out = asciiLower(name)
		}
	} else {
		var err error
		if out, err = whatwgIDNA.ToASCII(name); err == nil {
			err = checkPunycodeLabels(name)
		}
		if err != nil {
			// Not the mapper's text: it quotes the label, which, as
			// fetch reads an authority, may be a userinfo's piece
			// (http://user%zz:pw/x@h); the caller names the URL,
			// redacted.
			return "", fmt.Errorf("%w: UTS #46 maps it to no ASCII name", errDomain)
		}
	}
	if out == "" {
		return "", fmt.Errorf("%w: it maps to nothing", errDomain)
	}
	if i := strings.IndexFunc(out, forbiddenDomainRune); i >= 0 {
		return "", fmt.Errorf("%w: it holds %q", errDomain, out[i:i+1])
	}
	return out, nil
}

// hasPunycodeLabel reports whether a label of name starts with "xn--" in
// any case: such a name goes through UTS #46, which checks the Punycode.
func hasPunycodeLabel(name string) bool {
	for label := range strings.SplitSeq(name, ".") {
		if len(label) >= 4 && strings.EqualFold(label[:4], "xn--") {
			return true
		}
	}
	return false
}

// checkPunycodeLabels refuses what UTS #46 and fetch's parser refuse in a
// label of name that starts with xn-- (in any case or width: ｘｎ－－ is
// mapped to xn-- first) and x/net/idna lets through: nothing after the
// prefix (xn--, xn--.com), which it makes an empty label of, and a code
// point outside ASCII (xn--ß-), which it reads as Punycode all the same.
func checkPunycodeLabels(name string) error {
	for _, label := range splitDots(name) {
		folded := strings.Map(foldWidth, label)
		if len(folded) < 4 || !strings.EqualFold(folded[:4], "xn--") {
			continue
		}
		if len(folded) == 4 {
			return errEmptyPunycode
		}
		for i := 0; i < len(folded); i++ {
			if folded[i] >= utf8.RuneSelf {
				return errNonASCIIPunycode
			}
		}
	}
	return nil
}

// foldWidth is r as UTS #46 maps it where that matters to an xn-- prefix:
// a fullwidth ASCII form (U+FF01 to U+FF5E) is its ASCII letter, and a code
// point it ignores (a soft hyphen, a variation selector, a zero width space
// or no-break space) is dropped (x\u00adn-- is xn--).
func foldWidth(r rune) rune {
	switch {
	case 0xff01 <= r && r <= 0xff5e:
		return r - 0xfee0
	case r == 0xad, r == 0x34f, 0x180b <= r && r <= 0x180f, r == 0x200b, 0x2060 <= r && r <= 0x2064,
		0xfe00 <= r && r <= 0xfe0f, r == 0xfeff, 0xe0100 <= r && r <= 0xe01ef:
		return -1
	}
	return r
}

// splitDots splits name at the full stops UTS #46 maps to '.' (the ASCII
// one, U+3002, U+FF0E, U+FF61), keeping empty labels.
func splitDots(name string) []string {
	var labels []string
	start := 0
	for i, r := range name {
		if r == '.' || r == '\u3002' || r == '\uff0e' || r == '\uff61' {
			labels = append(labels, name[start:i])
			start = i + utf8.RuneLen(r)
		}
	}
	return append(labels, name[start:])
}

var errNonASCIIPunycode = errors.New("an xn-- label with a code point outside ASCII")

var errEmptyPunycode = errors.New("an xn-- label with no Punycode")

// forbiddenDomainRune is the WHATWG URL standard's forbidden domain code
// point: what no host may hold once mapped.
func forbiddenDomainRune(r rune) bool {
	if r <= 0x20 || r == 0x7f {
		return true // C0 controls, space, DEL
	}
	switch r {
	case '#', '%', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|':
		return true
	}
	return false
}

// decodeHostText rewrites raw's host when it holds a percent-escape
// (http://ex%61mple.com/, //%65xample.com/x), which fetch's URL parser
// decodes before it maps the host (example.com), and url.Parse refuses
// below 0x80 or decodes without mapping. raw is an http(s) URL with "//"
// after its scheme, or a reference starting with "//"; another raw, or a
// host without '%', is returned as it is.
func decodeHostText(raw string) (string, error) {
	start := authorityStart(raw)
	if start == 0 {
		return raw, nil
	}
	end := len(raw)
	if i := strings.IndexAny(raw[start:], "/?#\\"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndexByte(raw[start:end], '@'); at >= 0 {
		start += at + 1 // the userinfo's escapes are its own
	}
	if strings.HasPrefix(raw[start:end], "[") {
		return raw, nil // an IPv6 literal: '%' there is a zone, refused later
	}
	if i := strings.IndexByte(raw[start:end], ':'); i >= 0 {
		end = start + i
	}
	host := raw[start:end]
	if !strings.Contains(host, "%") {
		return raw, nil
	}
	name, err := domainToASCII(percentDecode(host))
	if err != nil {
		return "", err
	}
	return raw[:start] + name + raw[end:], nil
}

// canonicalLocationHost returns raw, a redirect's Location, with its host
// and port written as canonicalHost writes them (0x7f.1 and 127.0.0.1. are
// 127.0.0.1, API.test:080 is api.test), scheme being that of the URL that
// answered, which a reference starting with "//" takes. http.Client copies
// Authorization and Cookie to a hop only when its host is the first
// request's as written, before checkRedirect sees it: a same-origin
// redirect spelled otherwise lost them, where fetch, which reads one
// origin, keeps them. raw is returned as it is without an authority, or
// with a host canonicalHost refuses (checkRedirect refuses it then).
func canonicalLocationHost(raw, scheme string) string {
	start := authorityStart(raw)
	if start == 0 {
		return raw
	}
	if start > 2 {
		scheme = strings.ToLower(raw[:start-3])
	}
	end := len(raw)
	if i := strings.IndexAny(raw[start:], "/?#\\"); i >= 0 {
		end = start + i
	}
	if at := strings.LastIndexByte(raw[start:end], '@'); at >= 0 {
		start += at + 1
	}
	if start == end {
		return raw
	}
	host, err := canonicalHost(scheme, raw[start:end])
	if err != nil || host == raw[start:end] {
		return raw
	}
	return raw[:start] + host + raw[end:]
}

// authorityStart is where the authority of raw begins: after "http://" or
// "https://" (in any case), or after the "//" a reference starts with; 0
// for any other raw.
func authorityStart(raw string) int {
	switch {
	case strings.HasPrefix(raw, "//"):
		return 2
	case len(raw) > 7 && strings.EqualFold(raw[:7], "http://"):
		return 7
	case len(raw) > 8 && strings.EqualFold(raw[:8], "https://"):
		return 8
	}
	return 0
}

// percentDecode is the URL standard's percent-decode: "%" and two hex
// digits is that byte, any other '%' stays (and fails as a forbidden code
// point of a host).
func percentDecode(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}
