package client_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// Two POSTs of the same bytes with another Content-Type are two requests
// (the origin parses them two ways): the store answers neither with the
// other's answer.
func TestStoreKeysABodyByItsMediaType(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"s","as":"`+r.Header.Get("Content-Type")+`"}`)
	})
	c := client.New()
	always := func(*client.Response) bool { return true }
	for _, ct := range []string{"application/json", "text/plain", "application/json"} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: `{"a":1}`,
			Header: http.Header{"Content-Type": {ct}}, UseStore: true, StoreCheck: always})
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Data.(map[string]any)["as"]; got != ct {
			t.Errorf("a %s POST was answered with the answer to a %v one (from the store: %v)", ct, got, resp.FromStore)
		}
	}
	if n := srv.count.Load(); n != 2 {
		t.Errorf("the origin got %d requests; want 2 (the second JSON POST answered from the store)", n)
	}
}

// The same bytes in two charsets are two requests too (the origin decodes
// them two ways); a charset spelled in another case, or parameters in
// another order, are the same request, answered from the store.
func TestStoreKeysABodyByItsCharset(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"id":"s","as":"`+r.Header.Get("Content-Type")+`"}`)
	})
	c := client.New()
	always := func(*client.Response) bool { return true }
	for _, step := range []struct{ ct, answeredAs string }{
		{"text/plain; charset=utf-8", "text/plain; charset=utf-8"},
		{"text/plain; charset=iso-8859-1", "text/plain; charset=iso-8859-1"},
		{"text/plain; charset=UTF-8", "text/plain; charset=utf-8"}, // the first's entry
		{"text/plain; format=flowed; charset=utf-8", "text/plain; format=flowed; charset=utf-8"},
		{"text/plain; charset=utf-8; format=flowed", "text/plain; format=flowed; charset=utf-8"}, // the fourth's
	} {
		resp, err := c.Request(context.Background(), client.Option{URL: srv.URL, Method: "POST", Data: "caf\xe9",
			Header: http.Header{"Content-Type": {step.ct}}, UseStore: true, StoreCheck: always})
		if err != nil {
			t.Fatal(err)
		}
		if got := resp.Data.(map[string]any)["as"]; got != step.answeredAs {
			t.Errorf("a POST sent as %q was answered with the answer to one sent as %v (from the store: %v)", step.ct, got, resp.FromStore)
		}
	}
	if n := srv.count.Load(); n != 3 {
		t.Errorf("the origin got %d requests; want 3 (the same type in other spellings answered from the store)", n)
	}
}
