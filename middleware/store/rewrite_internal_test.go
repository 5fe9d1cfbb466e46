package store

import (
	"net/http"
	"testing"
	"time"
)

// A damaged encoding is never the same as an entry, and never panics.
func TestSameButStoredAtDamaged(t *testing.T) {
	e := Entry{StatusCode: 200, URL: "http://a.test/", StoredAt: time.Unix(1, 0),
		Header: http.Header{"A": {"1"}}, Body: []byte("body")}
	data, _ := e.MarshalBinary()
	if _, same := sameButStoredAt(data, e); !same {
		t.Fatal("an entry is not the same as its own encoding")
	}
	for n := 0; n < len(data); n++ {
		if _, same := sameButStoredAt(data[:n], e); same {
			t.Fatalf("the first %d of %d bytes are the same as the entry", n, len(data))
		}
	}
	if _, same := sameButStoredAt(append(data, 0), e); same {
		t.Fatal("trailing bytes are the same as the entry")
	}
}
