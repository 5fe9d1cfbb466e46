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

func BenchmarkSameButStoredAt(b *testing.B) {
	e := Entry{StatusCode: 200, URL: "http://127.0.0.1:40000/small?page=2&q=taro&verbose=true",
		Header: http.Header{"Content-Type": {"application/json"}, "Date": {"Fri, 27 Nov 2026 01:32:37 GMT"},
			"Content-Length": {"31"}},
		Body: []byte(`{"id":7,"name":"Ann","ok":true}`), StoredAt: time.Unix(1800000000, 5)}
	data, _ := e.MarshalBinary()
	e.StoredAt = e.StoredAt.Add(time.Second)
	for b.Loop() {
		if _, same := sameButStoredAt(data, e); !same {
			b.Fatal("not the same")
		}
	}
}
