package store_test

import (
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/middleware/store"
)

// A stored answer's Status is what net/http gives for the code: its
// reason phrase, or the code alone when there is none (no stray space).
func TestEntryResponseStatusLine(t *testing.T) {
	for code, want := range map[int]string{200: "200 OK", 203: "203 Non-Authoritative Information", 299: "299"} {
		req, _ := http.NewRequest("GET", "https://api.test/", nil)
		resp := store.Entry{StatusCode: code}.Response(req)
		if resp.Status != want {
			t.Errorf("%d: Status %q, want %q", code, resp.Status, want)
		}
	}
}
