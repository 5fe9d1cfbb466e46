package credential

import (
	"strings"
	"testing"
)

// queryHasSecretByParams is the rule stated plainly: some parameter has a
// value and a secret name once unescaped.
func queryHasSecretByParams(k Keys, raw string) bool {
	for raw != "" {
		var p string
		p, _, raw = nextParam(raw)
		name, _, hasValue := strings.Cut(p, "=")
		if hasValue && k.Secret(unescape(name)) {
			return true
		}
	}
	return false
}

func FuzzQueryHasSecret(f *testing.F) {
	for _, s := range []string{"a=1&token=2", "to%6Ben=1", "x;api_key=1", "token", "a=b=token", "&&=;", "pass+word=1", "se%ssion=1"} {
		f.Add(s)
	}
	k := NewKeys("custom")
	f.Fuzz(func(t *testing.T, raw string) {
		for _, keys := range []Keys{nil, k} {
			if got, want := keys.queryHasSecret(raw), queryHasSecretByParams(keys, raw); got != want {
				t.Errorf("queryHasSecret(%q) = %v, want %v", raw, got, want)
			}
		}
	})
}
