package store

import (
	"crypto/sha256"
	"encoding/base64"
	"testing"
)

// Keys leave the process (snapshots, Redis): the pooled hasher must give
// the same key as a fresh one, call after call.
func TestKeyIsStable(t *testing.T) {
	ref := func(method, url string, body []byte, partition string) string {
		h := sha256.New()
		h.Write([]byte(method + "\x00" + url + "\x00"))
		if len(body) > 0 {
			sum := sha256.Sum256(body)
			h.Write(sum[:])
		}
		h.Write([]byte("\x00" + partition))
		return method + " http://h/p " + base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:24])
	}
	for i := 0; i < 3; i++ {
		for _, tc := range []struct {
			url, part string
			body      []byte
		}{{"http://h/p?a=1", "", nil}, {"http://h/p", "p1", []byte(`{"x":1}`)}, {"http://u:pw@h/p?t=2", "p2", nil}} {
			m := "POST"
			if tc.body == nil {
				m = "GET"
			}
			if got, want := Key(m, tc.url, tc.body, tc.part), ref(m, tc.url, tc.body, tc.part); got != want {
				t.Errorf("Key(%s %s) = %q, want %q", m, tc.url, got, want)
			}
		}
	}
}
