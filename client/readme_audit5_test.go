package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/taroreq/taroreq/client"
)

func TestReadmeRetryByMethodAndStatus(t *testing.T) {
	for _, tc := range []struct {
		method string
		status int
		hdr    http.Header
		idem   bool
		want   int32
	}{
		{"GET", 503, nil, false, 3},
		{"GET", 429, nil, false, 3},
		{"GET", 501, nil, false, 1},
		{"GET", 500, nil, false, 3},
		{"GET", 404, nil, false, 1},
		{"PUT", 503, nil, false, 3},
		{"DELETE", 503, nil, false, 3},
		{"OPTIONS", 503, nil, false, 3},
		{"TRACE", 503, nil, false, 3},
		{"POST", 503, nil, false, 1},
		{"PATCH", 503, nil, false, 1},
		{"POST", 503, nil, true, 3},
		{"POST", 503, http.Header{"Idempotency-Key": {"k"}}, false, 3},
	} {
		var n atomic.Int32
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			n.Add(1)
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(tc.status)
		}))
		c := client.New(client.WithBaseURL(srv.URL))
		var data any
		if tc.method != "GET" && tc.method != "TRACE" && tc.method != "OPTIONS" {
			data = "x"
		}
		resp, err := c.Request(context.Background(), client.Option{URL: "/x", Method: tc.method, Header: tc.hdr, Idempotent: tc.idem, Data: data})
		srv.Close()
		if n.Load() != tc.want {
			t.Errorf("%s %d idem=%v hdr=%v: %d attempts, want %d (err %v, status %d)", tc.method, tc.status, tc.idem, tc.hdr, n.Load(), tc.want, err, resp.StatusCode)
		}
	}
}

func TestReadmePOSTNoFailoverOnAnswer(t *testing.T) {
	var nb atomic.Int32
	b := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { nb.Add(1); w.Write([]byte(`{}`)) }))
	defer b.Close()
	a := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }))
	defer a.Close()
	c := client.New(client.WithBaseURL(a.URL))
	resp, err := c.Request(context.Background(), client.Option{URL: "/x", Method: "POST", Data: "x", Backup: []string{b.URL + "/y"}, Mode: client.ModeCORS})
	t.Logf("status %d err %v backup hits %d", resp.StatusCode, err, nb.Load())
	if nb.Load() != 0 || resp.StatusCode != 503 {
		t.Errorf("POST answered 503 failed over: status %d, backup %d", resp.StatusCode, nb.Load())
	}
}
