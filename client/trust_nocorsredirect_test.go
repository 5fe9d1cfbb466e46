package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
)

// A no-cors request to the client's own origin that the server redirects to
// another origin gets that origin's answer: fetch taints it opaque (status 0,
// no header, no data), as a no-cors request sent there at once is here.
func TestNoCORSRedirectToOtherOriginIsOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Secret-Of-Other-Origin", "s3cret")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte(`{"hidden":"data"}`))
	}))
	defer other.Close()
	listening := make(chan struct{})
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-listening // the listener hears every answer
		http.Redirect(w, r, other.URL+"/x", http.StatusFound)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL))
	var seenCheck *client.Response
	var seenHeaders []client.Headers
	task := c.Go(context.Background(), client.Option{URL: "/r", Mode: client.ModeNoCORS,
		DataCheck: func(r *client.Response) bool { seenCheck = r; return true }})
	task.OnHeadersReceived(func(h client.Headers) { seenHeaders = append(seenHeaders, h) })
	close(listening)
	resp, err := task.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 0 || resp.Header != nil || resp.Data != nil || resp.Raw != nil {
		t.Errorf("caller got other origin's answer through a no-cors redirect: status %d header %v data %v raw %q",
			resp.StatusCode, resp.Header, resp.Data, resp.Raw)
	}
	if seenCheck != nil && (seenCheck.StatusCode != 0 || seenCheck.Data != nil || len(seenCheck.Header) != 0) {
		t.Errorf("DataCheck saw status %d header %v data %v", seenCheck.StatusCode, seenCheck.Header, seenCheck.Data)
	}
	if len(seenHeaders) == 0 {
		t.Error("the header listener heard nothing")
	}
	for _, h := range seenHeaders {
		if h.StatusCode != 0 || len(h.Header) != 0 {
			t.Errorf("header listener heard status %d header %v", h.StatusCode, h.Header)
		}
	}
}

// A no-cors call whose URLs all fail is as opaque in its error as in its
// Response: the other origin's status is not told (fetch resolves such a
// call with an opaque response; a failure here must not say more).
func TestNoCORSErrorTellsNoStatus(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusGatewayTimeout)
	})
	a := httptest.NewServer(h)
	defer a.Close()
	b := httptest.NewServer(h)
	defer b.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	resp, err := c.Request(context.Background(), client.Option{URL: a.URL, Backup: []string{b.URL},
		Mode: client.ModeNoCORS, RetryTimes: client.NoRetry})
	if err == nil {
		t.Fatal("no error")
	}
	for what, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg} {
		text = strings.ReplaceAll(strings.ReplaceAll(text, a.URL, ""), b.URL, "") // a port may hold 504
		if strings.Contains(text, "504") || strings.Contains(text, "Gateway Timeout") {
			t.Errorf("no-cors %s tells the other origin's status: %s", what, text)
		}
	}
}

// A no-cors answer from another origin that redirected within that origin
// does not tell where it redirected: fetch's opaque response has no URL,
// and a Location may carry a code or token of the other origin's.
func TestNoCORSOpaqueURLTellsNoRedirectTarget(t *testing.T) {
	var other *httptest.Server
	other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/start" {
			http.Redirect(w, r, "/landing?code=OTHER-ORIGIN-SECRET", http.StatusFound)
			return
		}
		w.Write([]byte(`{}`))
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"))
	var checked string
	resp, err := c.Request(context.Background(), client.Option{URL: other.URL + "/start", Mode: client.ModeNoCORS,
		DataCheck: func(r *client.Response) bool { checked = r.URL; return true }})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(resp.URL, "OTHER-ORIGIN-SECRET") || strings.Contains(checked, "OTHER-ORIGIN-SECRET") {
		t.Errorf("opaque answer tells the redirect target: Response.URL %q, DataCheck saw %q", resp.URL, checked)
	}
}

// A no-cors call redirected to another origin, on a client whose stack has
// no retry layer (WithLayers()), whose body read fails (over the bound):
// the failure must be as opaque as the answer.
func TestNoCORSRedirectedReadFailureIsOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Other-Private", "other-origin-header")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte(strings.Repeat("x", 100)))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/private?code=other-origin-code", http.StatusFound)
	}))
	defer api.Close()
	c := client.New(client.WithBaseURL(api.URL), client.WithLayers(), client.WithMaxResponseBytes(16))
	resp, err := c.Request(context.Background(), client.Option{URL: "/start", Mode: client.ModeNoCORS})
	if err == nil {
		t.Fatal("no error")
	}
	if resp.StatusCode != 0 || resp.Header != nil || resp.URL != "" {
		t.Errorf("no-cors failure shows the other origin's answer: status %d header %v url %q (err %v)",
			resp.StatusCode, resp.Header, resp.URL, err)
	}
	for what, text := range map[string]string{"error": err.Error(), "ErrMsg": resp.ErrMsg} {
		// Without the api's URL, whose port may hold the digits 418.
		if strings.Contains(strings.ReplaceAll(text, api.URL, ""), "418") || strings.Contains(text, other.URL) {
			t.Errorf("%s tells the other origin: %s", what, text)
		}
	}
}

// The same without a redirect: a no-cors call sent to another origin at once.
func TestNoCORSDirectReadFailureIsOpaque(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Other-Private", "other-origin-header")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte(strings.Repeat("x", 100)))
	}))
	defer other.Close()
	c := client.New(client.WithBaseURL("http://app.test"), client.WithLayers(), client.WithMaxResponseBytes(16))
	resp, err := c.Request(context.Background(), client.Option{URL: other.URL + "/p", Mode: client.ModeNoCORS})
	if err == nil {
		t.Fatal("no error")
	}
	if resp.StatusCode != 0 || resp.Header != nil || resp.URL != "" {
		t.Errorf("no-cors failure shows the other origin's answer: status %d header %v url %q", resp.StatusCode, resp.Header, resp.URL)
	}
}
