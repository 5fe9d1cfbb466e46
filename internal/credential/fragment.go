package credential

import "strings"

// FragmentPercents is raw (a URL's text) with each '%' of its fragment that
// starts no escape ("#100%", "#%zz") written "%25". fetch's URL parser keeps
// such a '%' as it is, and a fragment is never sent, so Taro's call goes
// where url.Parse refuses the whole URL ("invalid URL escape"). Escaped, it
// parses, and the fragment still names what was written ("%" once
// decoded). Beside EscapeControls, the other step of fetch's parser that
// url.Parse lacks and that the client and the backup layer both take. A URL
// without a '%' after its '#', the usual one, is returned as it is, with no
// allocation.
func FragmentPercents(raw string) string {
	i := strings.IndexByte(raw, '#')
	if i < 0 || strings.IndexByte(raw[i:], '%') < 0 {
		return raw
	}
	var b []byte
	for j := i + 1; j < len(raw); j++ {
		if raw[j] == '%' && (j+2 >= len(raw) || !isHexDigit(raw[j+1]) || !isHexDigit(raw[j+2])) {
			if b == nil {
				b = append(make([]byte, 0, len(raw)+8), raw[:j]...)
			}
			b = append(b, "%25"...)
			continue
		}
		if b != nil {
			b = append(b, raw[j])
		}
	}
	if b == nil {
		return raw
	}
	return string(b)
}

func isHexDigit(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
