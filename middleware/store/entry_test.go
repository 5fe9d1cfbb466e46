package store_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/store"
)

func sampleEntry() store.Entry {
	return store.Entry{
		StatusCode: 200,
		Header:     http.Header{"Content-Type": {"application/json"}, "X-Multi": {"a", "b"}},
		Body:       []byte(`{"v":"3","items":[1,2]}`),
		URL:        "http://backup.test/data?q=1",
		StoredAt:   time.Unix(1700000000, 123456789),
	}
}

func TestEntryRoundTrip(t *testing.T) {
	e := sampleEntry()
	b, err := e.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var got store.Entry
	if err := got.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	if !got.StoredAt.Equal(e.StoredAt) {
		t.Fatalf("StoredAt %v, want %v", got.StoredAt, e.StoredAt)
	}
	got.StoredAt = e.StoredAt
	if !reflect.DeepEqual(got, e) {
		t.Fatalf("round trip:\n got %#v\nwant %#v", got, e)
	}
	again, _ := got.MarshalBinary()
	if string(again) != string(b) {
		t.Fatal("equal entries must encode to equal bytes")
	}
}

// Every truncation and every single-byte change of an encoding decodes to
// an error or a valid entry, never a panic.
func TestEntryCorruptNeverPanics(t *testing.T) {
	b, _ := sampleEntry().MarshalBinary()
	for n := 0; n < len(b); n++ {
		var e store.Entry
		if err := e.UnmarshalBinary(b[:n]); !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("truncated to %d: err %v, want ErrCorrupt", n, err)
		}
	}
	for i := range b {
		c := append([]byte(nil), b...)
		c[i] ^= 0xff
		var e store.Entry
		_ = e.UnmarshalBinary(c)
	}
	var e store.Entry
	if err := e.UnmarshalBinary(append(b, 0)); !errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("trailing byte: err %v", err)
	}
}

func FuzzEntryDecode(f *testing.F) {
	b, _ := sampleEntry().MarshalBinary()
	f.Add(b)
	f.Add([]byte{1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, data []byte) {
		var e store.Entry
		if e.UnmarshalBinary(data) == nil {
			again, _ := e.MarshalBinary()
			var e2 store.Entry
			if err := e2.UnmarshalBinary(again); err != nil {
				t.Fatalf("re-encoding a decoded entry fails: %v", err)
			}
		}
	})
}

func TestSignCheck(t *testing.T) {
	cases := []struct {
		key, sign, body string
		want            bool
	}{
		{"v", "3", `{"v":"3"}`, true},
		{"v", "3", `{"v":3}`, true},
		// A number compares as JavaScript's String() writes it.
		{"v", "3", `{"v":3.0}`, true},
		{"v", "1000", `{"v":1e3}`, true},
		{"v", "3.0", `{"v":3}`, false},
		{"v", "3", `{"v":"4"}`, false},
		{"v", "true", `{"v":true}`, true},
		{"v", "3", `{"w":"3"}`, false},
		{"v", "3", `not json`, false},
		{"v", "3", `[1,2]`, false},
		{"v", "3", "\xEF\xBB\xBF{\"v\":3}", true}, // a BOM, as the client's decoding skips it
		{"v", "3", "\xEF\xBB\xBF\xEF\xBB\xBF{\"v\":3}", false},
	}
	for _, c := range cases {
		if got := store.SignCheck(c.key, c.sign)(nil, []byte(c.body)); got != c.want {
			t.Errorf("SignCheck(%q,%q)(%s) = %v, want %v", c.key, c.sign, c.body, got, c.want)
		}
	}
	if store.SignCheck("", "3") != nil || store.SignCheck("v", "") != nil {
		t.Error("without both key and sign the default check must fail (nil)")
	}
}

func TestKey(t *testing.T) {
	a := store.Key("POST", "http://x.test/a?q=1", []byte(`{"a":1}`), "")
	b := store.Key("POST", "http://x.test/a?q=1", []byte(`{"a":2}`), "")
	if a == b {
		t.Fatal("different bodies must give different keys")
	}
	get := store.Key("", "http://x.test/a?q=1", nil, "")
	if !strings.HasPrefix(get, "GET http://x.test/a ") || get != store.Key("GET", "http://x.test/a?q=1", nil, "") {
		t.Fatalf("Key = %q", get)
	}
	if get == store.Key("GET", "http://x.test/a?q=2", nil, "") {
		t.Error("the query is not in the key")
	}
	if get == store.Key("GET", "http://x.test/a?q=1", nil, "alice") ||
		store.Key("GET", "http://x.test/a?q=1", nil, "alice") == store.Key("GET", "http://x.test/a?q=1", nil, "bob") {
		t.Error("the partition is not in the key")
	}
}

// TestKeyHoldsNoSecret: keys leave the process (Redis, snapshots), so no
// password, user name or query token may appear in them.
func TestKeyHoldsNoSecret(t *testing.T) {
	for _, u := range []string{
		"http://alice:pw-secret@x.test/a?access_token=tok-secret&q=1",
		"http://x.test/a?q=1;api_key=tok-secret",
		"http://alice:pw-secret@x.test/%zz?token=tok-secret", // does not parse
	} {
		k := store.Key("GET", u, []byte("body-secret"), "partition")
		for _, secret := range []string{"alice", "pw-secret", "tok-secret", "body-secret", "partition"} {
			if strings.Contains(k, secret) {
				t.Errorf("Key(%s) = %q holds %q", u, k, secret)
			}
		}
	}
}

// The sign check reads stored JSON as the client's decoding does (fetch's
// json(): each maximal subpart of an ill-formed UTF-8 sequence one
// U+FFFD): it had encoding/json's reading, one U+FFFD per byte, so a sign
// equal to the field the caller's Data holds ("a\uFFFD" for the bytes
// "a\xF0\x9F\x98") did not match, nor did a key so spelt, and the store was
// never read before the network for such an entry.
func TestSignCheckReadsInvalidUTF8AsTheDataHasIt(t *testing.T) {
	const body = "{\"v\":\"a\xF0\x9F\x98\",\"k\xF0\x9F\":\"x\",\"n\":\"b\xFF\"}"
	data, err := encoders.Decode([]byte(body), 200, "json", "")
	if err != nil {
		t.Fatal(err)
	}
	m := data.(map[string]any)
	for key, value := range m {
		sign := value.(string)
		if !store.SignCheck(key, sign)(nil, []byte(body)) {
			t.Errorf("field %q = %q, as the data has it, does not match", key, sign)
		}
	}
	// A sign the data does not hold still does not match.
	for _, sign := range []string{"a\uFFFD\uFFFD\uFFFD", "a", "b"} {
		if store.SignCheck("v", sign)(nil, []byte(body)) || store.SignCheck("n", sign)(nil, []byte(body)) {
			t.Errorf("sign %q matches", sign)
		}
	}
	// Valid UTF-8 as before.
	valid, _ := json.Marshal(map[string]string{"v": "é✓"})
	if !store.SignCheck("v", "é✓")(nil, valid) {
		t.Error("a valid UTF-8 field does not match")
	}
}
