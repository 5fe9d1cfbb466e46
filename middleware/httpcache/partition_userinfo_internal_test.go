package httpcache

import (
	"net/http"
	"testing"
)

// TestUserinfoIsInTheKeyedPartition: a plain request's userinfo counts in
// the keyed credential partition as the Authorization it becomes. It was
// only in the variant key's hash, which with an empty partition is an
// unkeyed SHA-256 of the password: guessable offline from a stored key.
func TestUserinfoIsInTheKeyedPartition(t *testing.T) {
	tr := New(nil, WithPartitionKey([]byte("replicas' key")))
	part := func(u string) string {
		req, err := http.NewRequest("GET", u, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tr.partition(req)
	}
	none, alice, bob := part("http://h.test/me"), part("http://alice:pw1@h.test/me"), part("http://alice:pw2@h.test/me")
	if alice == none || bob == none || alice == bob {
		t.Fatalf("partitions: none %q, alice %q, alice with another password %q", none, alice, bob)
	}
	basic, _ := http.NewRequest("GET", "http://h.test/me", nil)
	basic.SetBasicAuth("alice", "pw1")
	if tr.partition(basic) != alice {
		t.Error("userinfo and the Authorization it becomes are two partitions")
	}
}
