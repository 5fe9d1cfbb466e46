package store_test

import (
	"encoding/json"
	"testing"

	"github.com/taroreq/taroreq/encoders"
	"github.com/taroreq/taroreq/middleware/store"
)

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
