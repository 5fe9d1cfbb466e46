package client_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/client"
)

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
