package client_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// fetch's Headers strip HTTP white space (tab, space, CR, LF) around a
// value before checking it, so Taro sends a token read from a file with its
// trailing newline as the token; a CR or LF inside a value stays an error.
func TestHeaderValueOuterWhiteSpaceIsStripped(t *testing.T) {
	var mu sync.Mutex
	var got []http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
		_, _ = w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	c := client.New(client.WithBaseURL(srv.URL))

	caller := http.Header{
		"X-Test":       {"v\n"},
		"X-Two":        {"\r\n a\t", "b\r\n"},
		"x-two":        {" c\n"},
		"Content-Type": {"application/json\n", "application/json"},
	}
	before := caller.Clone()
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Header: caller, Data: map[string]int{"a": 1}})
	if err != nil {
		t.Fatalf("a value with white space around it: %v (fetch strips it and sends the request)", err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if !reflect.DeepEqual(caller, before) {
		t.Fatalf("the caller's header changed: %q, was %q", caller, before)
	}
	mu.Lock()
	h := got[0]
	mu.Unlock()
	if v := h.Values("X-Test"); !reflect.DeepEqual(v, []string{"v"}) {
		t.Errorf("X-Test sent as %q, want [v]", v)
	}
	if v := h.Values("X-Two"); !reflect.DeepEqual(v, []string{"a", "b", "c"}) {
		t.Errorf("X-Two sent as %q, want [a b c]", v)
	}
	if v := h.Values("Content-Type"); !reflect.DeepEqual(v, []string{"application/json"}) {
		t.Errorf("Content-Type sent as %q, want one application/json", v)
	}

	for _, v := range []string{"a\nb", "a\r\nX-Injected: 1", "a\rb", "a\x00b", "\n\x01\n"} {
		_, err := c.Request(context.Background(), client.Option{URL: "/x", Header: http.Header{"X-Test": {v}}})
		if !errors.Is(err, client.ErrInvalidHeader) || !strings.Contains(err.Error(), "X-Test") {
			t.Errorf("value %q: err %v, want ErrInvalidHeader naming X-Test", v, err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 1 {
		t.Errorf("%d requests reached the server, want 1 (the refused ones send nothing)", len(got))
	}
}
