package middleware

import (
	"net/http"
	"testing"
)

// Streamed reads the Content-Type as Header.Get does: the first value
// under the canonical name, whatever else the header holds.
func TestStreamedReadsContentTypeAsGet(t *testing.T) {
	headers := []http.Header{
		nil,
		{},
		{"Content-Type": nil},
		{"Content-Type": {""}},
		{"Content-Type": {"text/event-stream"}},
		{"Content-Type": {" Text/Event-Stream ; charset=utf-8"}},
		{"Content-Type": {"application/json", "text/event-stream"}},
		{"Content-Type": {"text/event-stream", "application/json"}},
		{"content-type": {"text/event-stream"}}, // not canonical: Get finds none either
		{"Content-Type": {"text/event-streams"}},
	}
	for _, h := range headers {
		resp := &http.Response{StatusCode: http.StatusOK, Header: h, Body: http.NoBody}
		if got, want := Streamed(resp), IsEventStream(h.Get("Content-Type")); got != want {
			t.Errorf("%v: Streamed %v, want %v", h, got, want)
		}
	}
}
