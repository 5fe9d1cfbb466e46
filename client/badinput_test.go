package client_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/encoders"
)

func TestBadInputSendsNothing(t *testing.T) {
	srv := newRecorder(t, jsonHandler(`{}`))
	type cyclic map[string]any
	loop := cyclic{}
	loop["self"] = loop
	tests := []struct {
		name string
		opt  client.Option
		want error
	}{
		{"empty URL", client.Option{URL: ""}, client.ErrInvalidURL},
		{"unparsable URL", client.Option{URL: "http://[::1"}, client.ErrInvalidURL},
		{"no scheme, no base", client.Option{URL: "/relative"}, client.ErrInvalidURL},
		{"ftp scheme", client.Option{URL: "ftp://x/y"}, client.ErrInvalidURL},
		{"port out of range", client.Option{URL: "http://127.0.0.1:99999/x"}, client.ErrInvalidURL},
		{"backup port out of range", client.Option{URL: srv.URL, Backup: []string{"http://127.0.0.1:65536/"}}, client.ErrInvalidURL},
		// The README's Backup row: an empty backup (a config left unset) is
		// refused, as an empty URL is, where Taro's JSONP path takes '' for none.
		{"empty backup URL", client.Option{URL: srv.URL, Backup: []string{srv.URL, " "}}, client.ErrInvalidURL},
		{"bad method", client.Option{URL: srv.URL, Method: "FETCH"}, client.ErrInvalidMethod},
		{"bad response type", client.Option{URL: srv.URL, ResponseType: "blob"}, client.ErrInvalidOption},
		{"bad cache mode", client.Option{URL: srv.URL, Cache: "sometimes"}, client.ErrInvalidOption},
		{"bad mode", client.Option{URL: srv.URL, Mode: "navigate"}, client.ErrInvalidOption},
		{"bad credentials", client.Option{URL: srv.URL, Credentials: "always"}, client.ErrInvalidOption},
		{"channel data", client.Option{URL: srv.URL, Method: "POST", Data: make(chan int)}, encoders.ErrUnencodable},
		{"func in query", client.Option{URL: srv.URL, Data: map[string]any{"f": func() {}}}, encoders.ErrUnencodable},
		{"cyclic data", client.Option{URL: srv.URL, Method: "PUT", Data: loop}, encoders.ErrUnencodable},
		// The README's Data row: GET data that is a number or a bool
		// (Taro would send nothing of it).
		{"number as query", client.Option{URL: srv.URL, Data: 5}, encoders.ErrUnencodable},
		{"bool as query", client.Option{URL: srv.URL, Data: true}, encoders.ErrUnencodable},
		{"unknown content type", client.Option{URL: srv.URL, Method: "POST", Data: map[string]int{"a": 1},
			Header: http.Header{"Content-Type": {"application/x-yaml"}}}, encoders.ErrUnsupportedContentType},
		{"CRLF in header value", client.Option{URL: srv.URL, Header: http.Header{"X-A": {"v\r\nX-Injected: 1"}}}, client.ErrInvalidHeader},
		{"bad header name", client.Option{URL: srv.URL, Header: http.Header{"X A": {"v"}}}, client.ErrInvalidHeader},
		{"NUL in header", client.Option{URL: srv.URL, Header: http.Header{"X-A": {"a\x00b"}}}, client.ErrInvalidHeader},
	}
	c := client.New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var failed, completed int
			tt.opt.Fail = func(*client.Response, error) { failed++ }
			tt.opt.Complete = func(*client.Response, error) { completed++ }
			resp, err := c.Request(context.Background(), tt.opt)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			var ce *client.Error
			if !errors.As(err, &ce) {
				t.Errorf("err is %T, not *client.Error", err)
			}
			if resp == nil || !strings.HasPrefix(resp.ErrMsg, "request:fail ") {
				t.Errorf("resp = %+v", resp)
			}
			if failed != 1 || completed != 1 {
				t.Errorf("Fail %d, Complete %d; want 1, 1", failed, completed)
			}
		})
	}
	if n := srv.count.Load(); n != 0 {
		t.Errorf("server received %d requests, want 0", n)
	}
}

func TestInvalidBaseURL(t *testing.T) {
	_, err := client.New(client.WithBaseURL("::nope")).Request(context.Background(), client.Option{URL: "/x"})
	if !errors.Is(err, client.ErrInvalidURL) || !strings.Contains(err.Error(), "base URL") {
		t.Errorf("err = %v", err)
	}
}

func TestResponseTooLarge(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/big" {
			_, _ = w.Write([]byte(strings.Repeat("x", 4096)))
			return
		}
		_, _ = w.Write([]byte(`"small"`))
	})
	c := client.New(client.WithMaxResponseBytes(1024), client.WithBaseURL(srv.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/big"})
	if !errors.Is(err, client.ErrResponseTooLarge) {
		t.Fatalf("err = %v", err)
	}
	if resp.StatusCode != 200 || resp.Raw != nil {
		t.Errorf("status %d, raw %d bytes", resp.StatusCode, len(resp.Raw))
	}
	// The connection of the large body must not serve the next request in a
	// bad state.
	resp, err = c.Request(context.Background(), client.Option{URL: "/ok"})
	if err != nil || resp.Data != "small" {
		t.Fatalf("next request: %v, %v", resp.Data, err)
	}
}

// A nil map, slice or pointer as a POST's Data is no body, as nil is: no
// panic, nothing encoded, no Content-Type.
func TestPostTypedNilDataIsNoBody(t *testing.T) {
	type seen struct {
		body, contentType string
	}
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- seen{string(b), r.Header.Get("Content-Type")}
		w.Write([]byte(`{}`))
	}))
	defer srv.Close()
	var nilMap map[string]any
	var nilSlice []any
	var nilPtr *struct{ A int }
	var nilReader *strings.Reader
	for name, data := range map[string]any{"nil map": nilMap, "nil slice": nilSlice, "nil *struct": nilPtr, "nil *strings.Reader": nilReader} {
		for _, useStore := range []bool{false, true} {
			resp, err := client.New().Request(context.Background(),
				client.Option{URL: srv.URL, Method: "POST", Data: data, UseStore: useStore})
			if err != nil || resp.StatusCode != 200 {
				t.Fatalf("%s: status %d, err %v", name, resp.StatusCode, err)
			}
			if s := <-got; s.body != "" || s.contentType != "" {
				t.Fatalf("%s: the server got body %q, Content-Type %q; want neither", name, s.body, s.contentType)
			}
		}
	}
}
