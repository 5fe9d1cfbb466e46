package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/datacheck"
)

// TestDataCheckRejectsEveryURLKeepsLastResponse: when DataCheck rejects
// every URL, the error comes with the last response's status, header and
// data, as Response documents.
func TestDataCheckRejectsEveryURLKeepsLastResponse(t *testing.T) {
	answer := func(which string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("X-Which", which)
			http.SetCookie(w, &http.Cookie{Name: "c", Value: which})
			w.WriteHeader(201)
			_, _ = w.Write([]byte(`{"code":1,"from":"` + which + `"}`))
		}
	}
	primary := newRecorder(t, answer("primary"))
	second := newRecorder(t, answer("second"))
	reject := func(*client.Response) bool { return false }
	var failed *client.Response
	for _, c := range []struct {
		name, want, url string
		backups         []string
	}{
		{"with a backup", "second", second.URL + "/b", []string{second.URL + "/b"}},
		{"alone", "primary", primary.URL + "/p", nil},
	} {
		resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL + "/p",
			Backup: c.backups, DataCheck: reject, Fail: func(r *client.Response, _ error) { failed = r }})
		if !errors.Is(err, datacheck.ErrRejected) || (c.backups != nil && !errors.Is(err, backup.ErrExhausted)) {
			t.Fatalf("%s: err %v", c.name, err)
		}
		m, _ := resp.Data.(map[string]any)
		if resp.StatusCode != 201 || resp.Header.Get("X-Which") != c.want || m["from"] != c.want ||
			string(resp.Raw) != `{"code":1,"from":"`+c.want+`"}` || resp.URL != c.url {
			t.Errorf("%s: status %d header %v data %v raw %q URL %q", c.name, resp.StatusCode, resp.Header, resp.Data, resp.Raw, resp.URL)
		}
		if len(resp.Cookies) != 1 || resp.Cookies[0].Value != c.want {
			t.Errorf("%s: cookies %v", c.name, resp.Cookies)
		}
		if resp.ErrMsg != "request:fail "+err.(*client.Error).Reason() || failed != resp {
			t.Errorf("%s: ErrMsg %q, Fail got %p want %p", c.name, resp.ErrMsg, failed, resp)
		}
	}
}

// TestFailedStatusesKeepLastResponse: a request whose URLs all answered a
// failing status (5xx) reports the last one with the error.
func TestFailedStatusesKeepLastResponse(t *testing.T) {
	primary := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) })
	second := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Which", "second")
		w.WriteHeader(502)
	})
	third := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		// Hijacked and closed: no response at all from the last URL.
		c, _, _ := w.(http.Hijacker).Hijack()
		c.Close()
	})
	resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL,
		Backup: []string{second.URL, third.URL}, RetryTimes: client.NoRetry})
	if !errors.Is(err, backup.ErrExhausted) {
		t.Fatalf("err %v", err)
	}
	if resp.StatusCode != 502 || resp.Header.Get("X-Which") != "second" || resp.Data != nil {
		t.Errorf("status %d header %v data %v", resp.StatusCode, resp.Header, resp.Data)
	}
}

// TestFailedLastURLKeepsItsData: when the last URL answers a failing
// status, the error comes with that answer's data, decoded, as it does
// without backups, and every URL's answer was read once.
func TestFailedLastURLKeepsItsData(t *testing.T) {
	primary := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(503)
		_, _ = w.Write([]byte(`{"from":"primary"}`))
	})
	second := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(500)
		_, _ = w.Write([]byte(`{"code":"E42","from":"second"}`))
	})
	for _, retries := range []int{client.NoRetry, 1} {
		resp, err := fastClient().Request(context.Background(), client.Option{URL: primary.URL,
			Backup: []string{second.URL}, RetryTimes: retries})
		if !errors.Is(err, backup.ErrExhausted) {
			t.Fatalf("retries %d: err %v", retries, err)
		}
		data, _ := resp.Data.(map[string]any)
		if resp.StatusCode != 500 || string(resp.Raw) != `{"code":"E42","from":"second"}` || data["code"] != "E42" {
			t.Errorf("retries %d: status %d raw %q data %v", retries, resp.StatusCode, resp.Raw, resp.Data)
		}
	}
}

// A cancel or an Abort during a retry's wait ends the request with its
// error and the last response that arrived (the 503 that asked to wait).
func TestCancelDuringRetryWaitKeepsLastResponse(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "5")
		w.Header().Set("X-Which", "busy")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	resp, err := client.New().Request(ctx, client.Option{URL: srv.URL})
	if !errors.Is(err, context.Canceled) || time.Since(start) > time.Second {
		t.Fatalf("err %v after %v; want context.Canceled at the cancel", err, time.Since(start))
	}
	if resp.StatusCode != 503 || resp.Header.Get("X-Which") != "busy" || srv.count.Load() != 1 {
		t.Fatalf("status %d, header %v, %d requests; want the 503 that arrived", resp.StatusCode, resp.Header, srv.count.Load())
	}
}

// A Task aborted while its answer is being checked fails with ErrAbort, and
// its Response is, as the README has it for every failure, the status,
// header and data of the answer that arrived: Fail, Complete and Wait got an
// empty Response instead (status 0, no header), where an Abort a moment
// earlier, while the body was read, gave the status and header.
func TestTaskAbortedInCheckKeepsTheAnswer(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Answer", "yes")
		w.WriteHeader(http.StatusCreated)
		w.Write([]byte(`{"a":1}`))
	})
	defer srv.Close()
	c := client.New()
	defer c.CloseIdleConnections()
	tasks := make(chan *client.Task, 1)
	var failed, completed *client.Response
	task := c.Go(context.Background(), client.Option{URL: srv.URL,
		DataCheck: func(*client.Response) bool { (<-tasks).Abort(); return true },
		Fail:      func(r *client.Response, _ error) { failed = r },
		Complete:  func(r *client.Response, _ error) { completed = r },
	})
	tasks <- task
	resp, err := task.Wait()
	if !errors.Is(err, client.ErrAbort) || resp.ErrMsg != "request:fail abort" {
		t.Fatalf("err %v, ErrMsg %q; want the abort", err, resp.ErrMsg)
	}
	for name, r := range map[string]*client.Response{"Wait": resp, "Fail": failed, "Complete": completed} {
		if r == nil {
			t.Fatalf("%s got no Response", name)
		}
		m, _ := r.Data.(map[string]any)
		if r.StatusCode != http.StatusCreated || r.Header.Get("X-Answer") != "yes" || m["a"] != 1.0 || r.Body != nil {
			t.Fatalf("%s got %+v; want the answer's status, header and data", name, r)
		}
	}
}
