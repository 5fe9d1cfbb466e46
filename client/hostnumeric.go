package client

import (
	"errors"
	"math"
	"net/netip"
	"strconv"
	"strings"
)

// errNumericHost is a host that ends in a number but is no IPv4 address
// (http://256.0.0.1/, http://1.2.3.4.5/, http://example.123/): fetch's URL
// parser refuses it, so no request goes, where a resolver would be asked
// for the name.
var errNumericHost = errors.New("a host that ends in a number must be an IPv4 address")

// numericHost is name (a URL's host, lower case, without its port) as
// fetch's URL parser writes an address: an IPv6 literal in its shortest
// form ([0:0::1] is [::1]; [::ffff:127.0.0.1] is [::ffff:7f00:1]), and a
// name that ends in a number read as an IPv4 address in any form that
// parser takes (127.1, 0x7f.0.0.1, 0177.0.0.1, 2130706433 and 127.0.0.1.
// are 127.0.0.1). Another name is returned as it is.
func numericHost(name string) (string, error) {
	if strings.HasPrefix(name, "[") {
		inner := strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
		a, err := netip.ParseAddr(inner)
		if err != nil || a.Zone() != "" || !a.Is6() {
			return name, nil // url.Parse took it; a zone is no WHATWG host
		}
		if !a.Is4In6() && a.String() == inner {
			return name, nil
		}
		if a.Is4In6() {
			b := a.As16()
			return "[::ffff:" + strconv.FormatUint(uint64(b[12])<<8|uint64(b[13]), 16) + ":" +
				strconv.FormatUint(uint64(b[14])<<8|uint64(b[15]), 16) + "]", nil
		}
		return "[" + a.String() + "]", nil
	}
	trimmed := name
	if len(trimmed) > 1 && strings.HasSuffix(trimmed, ".") {
		trimmed = trimmed[:len(trimmed)-1]
	}
	if last := trimmed[strings.LastIndexByte(trimmed, '.')+1:]; !allDigits(last) {
		if _, ok := ipv4Number(last); !ok {
			return name, nil // does not end in a number: a domain
		}
	}
	parts := strings.Split(trimmed, ".")
	if len(parts) > 4 {
		return "", errNumericHost
	}
	var addr uint64
	for i, p := range parts {
		n, ok := ipv4Number(p)
		if !ok || (i < len(parts)-1 && n > 255) {
			return "", errNumericHost
		}
		if i < len(parts)-1 {
			addr += n << (8 * (3 - i))
		} else if n >= 1<<(8*(5-len(parts))) {
			return "", errNumericHost
		} else {
			addr += n
		}
	}
	a := netip.AddrFrom4([4]byte{byte(addr >> 24), byte(addr >> 16), byte(addr >> 8), byte(addr)})
	return a.String(), nil
}

// ipv4Number reads one part of an IPv4 host as fetch's URL parser does:
// decimal, octal after a leading 0, hexadecimal after 0x ("0x" alone is 0).
func ipv4Number(s string) (uint64, bool) {
	if s == "" {
		return 0, false
	}
	base := 10
	switch {
	case len(s) >= 2 && s[0] == '0' && s[1] == 'x':
		s, base = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, base = s[1:], 8
	}
	if s == "" {
		return 0, true
	}
	for i := 0; i < len(s); i++ { // ParseUint would take a sign or '_'
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return 0, false
		}
	}
	n, err := strconv.ParseUint(s, base, 64)
	if errors.Is(err, strconv.ErrRange) {
		// A number past 64 bits is still one (fetch reads it whole),
		// too large for any part of an address.
		return math.MaxUint64, true
	}
	return n, err == nil
}

// allDigits reports whether s is ASCII digits alone, which fetch's URL
// parser takes for a number ending a host even when no base reads it
// (09: octal without 9): an address to refuse, not a name to resolve.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
