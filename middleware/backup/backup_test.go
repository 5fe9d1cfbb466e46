package backup_test

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/taroreq/taroreq/internal/faultserver"
	"github.com/taroreq/taroreq/internal/layertest"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestPlainClientFailover(t *testing.T) {
	down := faultserver.New(t, faultserver.Status(502, "bad gateway"))
	reset := faultserver.New(t, faultserver.Reset())
	up := faultserver.New(t, faultserver.OK(`"up"`))
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(reset.URL+"/r", up.URL+"/u"))}
	resp, err := hc.Get(down.URL + "/d?q=1")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != `"up"` || resp.Request.URL.String() != up.URL+"/u?q=1" {
		t.Errorf("body %q from %s", body, resp.Request.URL)
	}
	if down.Count() != 1 || up.Count() != 1 {
		t.Errorf("counts %d %d", down.Count(), up.Count())
	}
}

func TestAllFailJoinsErrors(t *testing.T) {
	a := faultserver.New(t, faultserver.Status(503, ""))
	b := faultserver.New(t, faultserver.Reset())
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL+"/b"))}
	_, err := hc.Get(a.URL + "/a")
	var ex *backup.ExhaustedError
	if !errors.Is(err, backup.ErrExhausted) || !errors.As(err, &ex) || len(ex.Errs) != 2 {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{a.URL + "/a: status 503", b.URL + "/b: "} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
}

// In a plain http.Client, every URL answering a failure is a response
// obtained: the last URL's answer comes back with a nil error, as the
// RoundTripper contract wants; the fallback still comes first.
func TestPlainClientAllAnswerFailureReturnsLastResponse(t *testing.T) {
	a := faultserver.New(t, faultserver.Status(503, "a down"))
	b := faultserver.New(t, faultserver.Status(502, "b down"))
	resp, err := (&http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL+"/b"))}).Get(a.URL + "/a")
	if err != nil {
		t.Fatalf("every URL answered, yet err = %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || string(body) != "b down" || a.Count() != 1 || b.Count() != 1 {
		t.Errorf("status %d body %q, counts %d %d; want the backup's 502 after one request each",
			resp.StatusCode, body, a.Count(), b.Count())
	}
	var gotErr error
	fb := func(req *http.Request, err error) (*http.Response, bool) {
		gotErr = err
		return &http.Response{StatusCode: 200, Body: middleware.NewBufferedBody([]byte("stale")), Request: req}, true
	}
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL+"/b"), backup.WithFallback(fb))}
	resp, err = hc.Get(a.URL + "/a")
	var ex *backup.ExhaustedError
	if err != nil || resp.StatusCode != 200 || !errors.As(gotErr, &ex) || len(ex.Errs) != 2 {
		t.Fatalf("with a fallback: resp %v err %v, fallback saw %v", resp, err, gotErr)
	}
	resp.Body.Close()
}

func TestNoBackupsPassesThrough(t *testing.T) {
	a := faultserver.New(t, faultserver.Status(503, "busy"))
	resp, err := (&http.Client{Transport: backup.New(nil)}).Get(a.URL)
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("resp %v err %v", resp, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "busy" {
		t.Errorf("body %q", body)
	}
}

func TestFallbackAnswersWhenAllFail(t *testing.T) {
	a := faultserver.New(t, faultserver.Status(500, ""))
	var gotErr error
	fb := func(req *http.Request, err error) (*http.Response, bool) {
		gotErr = err
		return &http.Response{StatusCode: 200, Body: middleware.NewBufferedBody([]byte("stale")), Request: req}, true
	}
	resp, err := (&http.Client{Transport: backup.New(nil, backup.WithFallback(fb))}).Get(a.URL)
	if err != nil || resp.StatusCode != 200 || !errors.Is(gotErr, backup.ErrExhausted) {
		t.Fatalf("resp %v err %v fallback saw %v", resp, err, gotErr)
	}
	resp.Body.Close()
}

func TestPostBodyReplayedToBackup(t *testing.T) {
	a := faultserver.New(t, faultserver.Status(503, ""))
	b := faultserver.New(t, faultserver.OK(`{}`))
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL))}
	req, _ := http.NewRequest(http.MethodPost, a.URL, strings.NewReader("payload"))
	req.Header.Set("Idempotency-Key", "k1") // a POST fails over only so
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := b.Requests()[0]; got.Method != "POST" || string(got.Body) != "payload" || got.URL != "/" {
		t.Errorf("backup got %s %q %s", got.Method, got.Body, got.URL)
	}
	if string(a.Requests()[0].Body) != "payload" {
		t.Error("primary body")
	}
}

// A POST that may have been applied is not sent to a backup (it could be
// applied twice), under the retry layer's rule; one surely unsent is.
func TestPostFailsOverOnlyWhenSurelyUnsent(t *testing.T) {
	busy := faultserver.New(t, faultserver.Status(503, "busy"))
	reset := faultserver.New(t, faultserver.Reset())
	b := faultserver.New(t, faultserver.OK(`{}`))
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL+"/b"))}

	resp, err := hc.Post(busy.URL, "text/plain", strings.NewReader("payload"))
	if err != nil || resp.StatusCode != 503 {
		t.Fatalf("503: resp %v err %v, want the primary's 503 as the answer", resp, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "busy" || b.Count() != 0 {
		t.Errorf("503: body %q, backup got %d requests, want 0", body, b.Count())
	}

	_, err = hc.Post(reset.URL, "text/plain", strings.NewReader("payload"))
	var nf *backup.NotFailedOverError
	if !errors.As(err, &nf) || nf.Method != "POST" || !strings.Contains(err.Error(), "Idempotency-Key") || b.Count() != 0 {
		t.Fatalf("reset: err %v, backup got %d requests, want NotFailedOverError and 0", err, b.Count())
	}

	dead := faultserver.New(t, faultserver.OK(""))
	dead.Close() // connection refused: surely unsent
	resp, err = hc.Post(dead.URL, "text/plain", strings.NewReader("payload"))
	if err != nil {
		t.Fatalf("refused: %v, want the backup's answer", err)
	}
	resp.Body.Close()
	if b.Count() != 1 || string(b.Requests()[0].Body) != "payload" {
		t.Errorf("refused: backup got %d requests", b.Count())
	}
}

// The store fallback sends nothing, so it still answers a POST that was not
// failed over.
func TestPostNotFailedOverStillFallsBack(t *testing.T) {
	busy := faultserver.New(t, faultserver.Status(503, ""))
	b := faultserver.New(t, faultserver.OK(`{}`))
	fb := func(req *http.Request, err error) (*http.Response, bool) {
		return &http.Response{StatusCode: 200, Body: middleware.NewBufferedBody([]byte("stale")), Request: req}, true
	}
	hc := &http.Client{Transport: backup.New(nil, backup.WithURLs(b.URL), backup.WithFallback(fb))}
	resp, err := hc.Post(busy.URL, "text/plain", strings.NewReader("payload"))
	if err != nil || resp.StatusCode != 200 || b.Count() != 0 {
		t.Fatalf("resp %v err %v backup %d", resp, err, b.Count())
	}
	resp.Body.Close()
}

func BenchmarkBackupLayer(b *testing.B) {
	layertest.Bench(b,
		layertest.Case{Name: "with", RT: backup.New(layertest.Stub)},
		layertest.Case{Name: "with_unused_backups", RT: backup.New(layertest.Stub, backup.WithURLs("http://b.test/"))})
}
