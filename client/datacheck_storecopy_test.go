package client_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// With UseStore, what a caller's DataCheck writes in the Response it
// judges is not what the store keeps (an answer the check edited is not
// stored): the check got the answer's own header and bytes, which the
// store wrote once it passed, so alice's
// check that edited them (an X-Info set, the body's bytes rewritten) had
// bob, the next caller of the key without credentials, served her edit
// from the store.
func TestDataCheckWritesAreNotStored(t *testing.T) {
	const body = `{"who":"origin","v":"1"}`
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Info", "origin")
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(body))
	}))
	defer api.Close()
	c := client.New()
	always := func(*client.Response) bool { return true }
	alice := client.Option{URL: api.URL + "/conf", UseStore: true, StoreCheck: always,
		DataCheck: func(r *client.Response) bool {
			r.Header.Set("X-Info", "alice's check")
			r.Header.Set("X-Checked-For", "alice")
			copy(r.Raw, bytes.Repeat([]byte{' '}, len(r.Raw)))
			copy(r.Raw, `{"who":"alice"}`)
			return true
		}}
	if _, err := c.Request(context.Background(), alice); err != nil {
		t.Fatal(err)
	}
	bob := client.Option{URL: api.URL + "/conf", UseStore: true, StoreCheck: always, DataCheck: always}
	r, err := c.Request(context.Background(), bob)
	if err != nil {
		t.Fatal(err)
	}
	// Bob's answer is the origin's, from the network or the store, never
	// alice's edit.
	if got := r.Header.Get("X-Info"); got != "origin" || r.Header.Get("X-Checked-For") != "" || string(r.Raw) != body {
		t.Errorf("bob got X-Info %q, X-Checked-For %q, body %q: alice's check wrote them into the store",
			got, r.Header.Get("X-Checked-For"), r.Raw)
	}
}

// An answer the check accepted without writing in it is stored as ever;
// one it edited (a field set, a byte of the body) is not.
func TestDataCheckThatEditsIsNotStored(t *testing.T) {
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"v":"1"}`))
	}))
	defer api.Close()
	always := func(*client.Response) bool { return true }
	for name, check := range map[string]func(*client.Response) bool{
		"reads only":   func(r *client.Response) bool { return r.Header.Get("Content-Type") != "" && len(r.Raw) > 0 },
		"sets a field": func(r *client.Response) bool { r.Header.Set("X-Seen", "1"); return true },
		"adds a value": func(r *client.Response) bool { r.Header.Add("Content-Type", "x"); return true },
		"deletes one":  func(r *client.Response) bool { r.Header.Del("Content-Type"); return true },
		"edits a byte": func(r *client.Response) bool { r.Raw[len(r.Raw)-2] = '2'; return true },
	} {
		t.Run(name, func(t *testing.T) {
			c := client.New()
			opt := client.Option{URL: api.URL + "/" + name, UseStore: true, StoreCheck: always, DataCheck: check}
			if _, err := c.Request(context.Background(), opt); err != nil {
				t.Fatal(err)
			}
			opt.DataCheck = always
			r, err := c.Request(context.Background(), opt)
			if err != nil {
				t.Fatal(err)
			}
			if want := name == "reads only"; r.FromStore != want {
				t.Errorf("second call FromStore %v, want %v", r.FromStore, want)
			}
		})
	}
}
