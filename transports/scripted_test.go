package transports_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/taroreq/taroreq/transports"
)

const api = "https://api.example.com/items?page=2"

var errBoom = errors.New("boom")

func get(t *testing.T, rt http.RoundTripper, rawURL string) (*http.Response, error) {
	t.Helper()
	return do(t, rt, http.MethodGet, rawURL, nil)
}

func do(t *testing.T, rt http.RoundTripper, method, rawURL string, body io.Reader) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequest(method, rawURL, body)
	if err != nil {
		t.Fatal(err)
	}
	return rt.RoundTrip(req)
}

func TestScriptedSequence(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api).
		Respond(200, "first").
		Then(transports.Step{Status: 201, Header: http.Header{"X-Step": {"2"}}, Body: []byte("second")}).
		Fail(errBoom)

	req, _ := http.NewRequest("GET", api, nil)
	resp, err := s.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.Status != "200 OK" || resp.Proto != "HTTP/1.1" ||
		resp.ProtoMajor != 1 || resp.ProtoMinor != 1 || resp.ContentLength != 5 || resp.Request != req {
		t.Errorf("response 1 = %d %q %s %d.%d len %d req %p, want 200 OK HTTP/1.1 len 5 req %p",
			resp.StatusCode, resp.Status, resp.Proto, resp.ProtoMajor, resp.ProtoMinor, resp.ContentLength, resp.Request, req)
	}
	if len(resp.Header) != 0 || resp.Header == nil {
		t.Errorf("header 1 = %v, want empty and non-nil", resp.Header)
	}
	if got := readAll(t, resp); got != "first" {
		t.Errorf("body 1 = %q", got)
	}

	resp, err = get(t, s, api)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 201 || resp.Status != "201 Created" || resp.ContentLength != 6 ||
		!reflect.DeepEqual(resp.Header, http.Header{"X-Step": {"2"}}) {
		t.Errorf("response 2 = %q %v len %d", resp.Status, resp.Header, resp.ContentLength)
	}
	if got := readAll(t, resp); got != "second" {
		t.Errorf("body 2 = %q", got)
	}

	for i := 3; i <= 4; i++ { // the last step repeats
		resp, err = get(t, s, api)
		if resp != nil || err != errBoom {
			t.Errorf("request %d = %v, %v; want nil, errBoom as it is", i, resp, err)
		}
	}
	if n := s.Count("GET", api); n != 4 {
		t.Errorf("Count = %d, want 4", n)
	}
}

func TestScriptedThroughClient(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api).Fail(errBoom)
	c := &http.Client{Transport: s}
	_, err := c.Get(api)
	if !errors.Is(err, errBoom) {
		t.Fatalf("err = %v, want errBoom", err)
	}
}

func TestScriptedFreshBodyPerResponse(t *testing.T) {
	s := transports.NewScripted()
	s.On(transports.Any, transports.Any).Respond(200, "same")
	a, _ := get(t, s, api)
	b, _ := get(t, s, api)
	if a.Body == b.Body {
		t.Fatal("two responses share a body")
	}
	if got := readAll(t, a) + readAll(t, b); got != "samesame" {
		t.Fatalf("bodies = %q, want samesame", got)
	}
	if a.Header == nil || b.Header == nil {
		t.Fatal("nil header")
	}
	a.Header.Set("X-Mutated", "1")
	if c, _ := get(t, s, api); c.Header.Get("X-Mutated") != "" {
		t.Fatal("a response's header change reached a later response")
	}
}

func TestScriptedStepIsCopied(t *testing.T) {
	s := transports.NewScripted()
	body := []byte("orig")
	h := http.Header{"K": {"v"}}
	s.On("GET", api).Then(transports.Step{Header: h, Body: body})
	body[0] = 'X'
	h.Set("K", "changed")
	resp, _ := get(t, s, api)
	if got := readAll(t, resp); got != "orig" || resp.Header.Get("K") != "v" || resp.StatusCode != 200 {
		t.Fatalf("got %d %q %v, want 200 orig K=v", resp.StatusCode, got, resp.Header)
	}
}

func TestScriptedNoRepeat(t *testing.T) {
	s := transports.NewScripted(transports.NoRepeat())
	s.On("GET", api).Respond(204, "")
	if resp, err := get(t, s, api); err != nil || resp.StatusCode != 204 {
		t.Fatalf("first = %v, %v", resp, err)
	}
	resp, err := get(t, s, api)
	if resp != nil || !errors.Is(err, transports.ErrExhausted) {
		t.Fatalf("second = %v, %v; want ErrExhausted", resp, err)
	}
	if want := "transports: GET " + api + ": script exhausted"; err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
	if n := s.Count(transports.Any, transports.Any); n != 2 {
		t.Fatalf("Count = %d, want 2: an exhausted request is still recorded", n)
	}
}

func TestScriptedEmptyScriptIsExhausted(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api)
	if _, err := get(t, s, api); !errors.Is(err, transports.ErrExhausted) {
		t.Fatalf("err = %v, want ErrExhausted", err)
	}
}

func TestScriptedNoScript(t *testing.T) {
	var s transports.Scripted // the zero value is ready
	s.On("GET", api).Respond(200, "x")
	body := &trackedBody{Reader: strings.NewReader("payload")}
	resp, err := do(t, &s, "POST", api, body)
	if resp != nil || !errors.Is(err, transports.ErrNoScript) {
		t.Fatalf("POST = %v, %v; want ErrNoScript", resp, err)
	}
	if want := "transports: POST " + api + ": no script for request"; err.Error() != want {
		t.Fatalf("error = %q, want %q", err, want)
	}
	if !body.closed.Load() {
		t.Fatal("request body not closed")
	}
	got := s.Requests()
	if len(got) != 1 || got[0].Method != "POST" || string(got[0].Body) != "payload" {
		t.Fatalf("Requests = %+v, want the unmatched POST recorded", got)
	}
}

func TestScriptedMatching(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", "https://api.example.com/a?x=1&y=2").Respond(200, "exact")
	s.On(transports.Any, "https://api.example.com/a?x=1&y=2").Respond(200, "any method")
	s.On("GET", transports.Any).Respond(200, "any url")
	s.On(transports.Any, transports.Any).Respond(200, "anything")
	s.On("GET", "http://Example.COM").Respond(200, "root")

	for _, tc := range []struct{ method, url, want string }{
		{"GET", "https://api.example.com/a?x=1&y=2", "exact"},
		{"", "https://API.example.com/a?x=1&y=2", "exact"}, // "" is GET; host case-insensitive
		{"GET", "https://api.example.com/a?x=1&y=2#frag", "exact"},
		{"GET", "https://user:pw@api.example.com/a?x=1&y=2", "exact"},
		{"DELETE", "https://api.example.com/a?x=1&y=2", "any method"},
		{"GET", "https://api.example.com/a?y=2&x=1", "any url"}, // query is exact, order included
		{"GET", "https://api.example.com/a", "any url"},
		{"GET", "https://api.example.com/a/?x=1&y=2", "any url"},
		{"GET", "http://api.example.com/a?x=1&y=2", "any url"},
		{"GET", "https://api.example.com:443/a?x=1&y=2", "any url"}, // the port as written
		{"PUT", "https://other.example.com/", "anything"},
		{"GET", "http://example.com/", "root"}, // an empty path is "/"
	} {
		req, err := http.NewRequest(tc.method, tc.url, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.url, err)
		}
		if got := readAll(t, resp); got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.method, tc.url, got, tc.want)
		}
	}
	if n := s.Count("GET", "https://api.example.com/a?x=1&y=2"); n != 4 {
		t.Errorf("Count(GET, exact) = %d, want 4", n)
	}
	if n := s.Count(transports.Any, "https://api.example.com/a?x=1&y=2"); n != 5 {
		t.Errorf("Count(Any, exact) = %d, want 5", n)
	}
	if n := s.Count("GET", transports.Any); n != 10 {
		t.Errorf("Count(GET, Any) = %d, want 10", n)
	}
	if n := s.Count(transports.Any, transports.Any); n != 12 {
		t.Errorf("Count(Any, Any) = %d, want 12", n)
	}
	if n := s.Count("POST", transports.Any); n != 0 {
		t.Errorf("Count(POST, Any) = %d, want 0", n)
	}
}

func TestScriptedRecordsRequests(t *testing.T) {
	s := transports.NewScripted()
	s.On(transports.Any, transports.Any).Respond(200, "")
	body := &trackedBody{Reader: strings.NewReader(`{"a":1}`)}
	req, _ := http.NewRequest("POST", api, body)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Add("X-Multi", "1")
	req.Header.Add("X-Multi", "2")
	resp, err := s.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	readAll(t, resp)
	if !body.closed.Load() {
		t.Fatal("request body not closed")
	}
	req.Header.Set("Content-Type", "text/plain") // the record is a clone
	if _, err := get(t, s, "https://api.example.com"); err != nil {
		t.Fatal(err)
	}

	want := []transports.Received{
		{Method: "POST", URL: api, Header: http.Header{
			"Content-Type": {"application/json"}, "X-Multi": {"1", "2"},
		}, Body: []byte(`{"a":1}`)},
		{Method: "GET", URL: "https://api.example.com", Header: http.Header{}},
	}
	got := s.Requests()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Requests =\n%#v\nwant\n%#v", got, want)
	}
	got[0].Header.Set("X-Multi", "mutated")
	got[0].Body[0] = 'X'
	if again := s.Requests(); !reflect.DeepEqual(again, want) {
		t.Fatal("changing what Requests returned changed the record")
	}
}

func TestScriptedHeadHasNoBody(t *testing.T) {
	s := transports.NewScripted()
	s.On("HEAD", api).Respond(200, "12345")
	resp, err := do(t, s, "HEAD", api, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != "" || resp.ContentLength != 5 {
		t.Fatalf("HEAD body %q len %d, want empty body, length 5", got, resp.ContentLength)
	}
}

func TestScriptedDoneContext(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api).Respond(200, "one").Respond(200, "two")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	body := &trackedBody{Reader: strings.NewReader("x")}
	req, _ := http.NewRequestWithContext(ctx, "GET", api, body)
	resp, err := s.RoundTrip(req)
	if resp != nil || err != context.Canceled {
		t.Fatalf("got %v, %v; want context.Canceled", resp, err)
	}
	if !body.closed.Load() {
		t.Fatal("request body not closed")
	}
	if n := s.Count(transports.Any, transports.Any); n != 0 {
		t.Fatalf("Count = %d, want 0: a cancelled request never left the client", n)
	}
	resp, _ = get(t, s, api)
	if got := readAll(t, resp); got != "one" {
		t.Fatalf("next request got %q, want the first step", got)
	}
}

func TestScriptedDelay(t *testing.T) {
	s := transports.NewScripted()
	s.On("GET", api).
		Then(transports.Step{Delay: time.Hour, Body: []byte("never")}).
		Then(transports.Step{Delay: 20 * time.Millisecond, Body: []byte("late")})

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", api, nil)
	start := time.Now()
	resp, err := s.RoundTrip(req)
	if resp != nil || err != context.DeadlineExceeded {
		t.Fatalf("got %v, %v; want context.DeadlineExceeded", resp, err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("cancellation took %v", d)
	}

	start = time.Now()
	resp, err = get(t, s, api) // the cancelled request consumed the first step
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, resp); got != "late" || time.Since(start) < 20*time.Millisecond {
		t.Fatalf("got %q after %v, want late after >= 20ms", got, time.Since(start))
	}
}

func TestScriptedConcurrent(t *testing.T) {
	const n = 50
	s := transports.NewScripted(transports.NoRepeat())
	sc := s.On("GET", api)
	for i := range n {
		sc.Respond(200, fmt.Sprint(i))
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		seen = map[string]bool{}
	)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := get(t, s, api)
			if err != nil {
				t.Error(err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			mu.Lock()
			seen[string(b)] = true
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(seen) != n || s.Count("GET", api) != n {
		t.Fatalf("%d distinct steps for %d requests, Count %d", len(seen), n, s.Count("GET", api))
	}
	if _, err := get(t, s, api); !errors.Is(err, transports.ErrExhausted) {
		t.Fatalf("request %d: %v, want ErrExhausted", n+1, err)
	}
}

func TestScriptedErrorsHoldNoSecret(t *testing.T) {
	s := transports.NewScripted()
	req, _ := http.NewRequest("GET", "http://alice:pw-secret@api.test/x?token=tok-secret", nil)
	_, err := s.RoundTrip(req)
	if err == nil || strings.Contains(err.Error(), "pw-secret") || strings.Contains(err.Error(), "tok-secret") ||
		strings.Contains(err.Error(), "alice") || !strings.Contains(err.Error(), "api.test/x") {
		t.Errorf("error %v", err)
	}
}
