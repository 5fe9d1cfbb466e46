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
	resp, err := hc.Post(a.URL, "text/plain", strings.NewReader("payload"))
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

func BenchmarkBackupLayer(b *testing.B) {
	layertest.Bench(b,
		layertest.Case{Name: "with", RT: backup.New(layertest.Stub)},
		layertest.Case{Name: "with_unused_backups", RT: backup.New(layertest.Stub, backup.WithURLs("http://b.test/"))})
}
