package transports_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/taroreq/taroreq/transports"
)

// An upload that stalls (a pipe the caller feeds later, a slow reader) ends
// when the request's context does, as with net/http's transport: the fakes
// close the body and fail with the context's error, instead of reading it
// for ever. A test of a timeout on a stalled upload, with a plain
// http.Client over a fake, used to hang.
func TestFakesEndAStalledUploadWithTheContext(t *testing.T) {
	dir := record(t, func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") },
		func(rt http.RoundTripper, base string) {
			resp, err := send(t, rt, "POST", base+"/up", strings.NewReader("data"), nil)
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
		})
	scripted := transports.NewScripted()
	scripted.On("POST", "http://127.0.0.1/up").Respond(200, "ok")

	for name, rt := range map[string]http.RoundTripper{"Scripted": scripted, "Replayer": newReplayer(t, dir)} {
		t.Run(name, func(t *testing.T) {
			pr, pw := io.Pipe()
			defer pw.Close()
			ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, "POST", "http://127.0.0.1/up", pr)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				resp, err := rt.RoundTrip(req)
				if resp != nil {
					resp.Body.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if !errors.Is(err, context.DeadlineExceeded) {
					t.Errorf("err = %v, want the context's deadline", err)
				}
			case <-time.After(3 * time.Second):
				pw.CloseWithError(io.ErrUnexpectedEOF) // let it return
				<-done
				t.Fatal("still reading the stalled body 3s after the context's end")
			}
			if _, err := pw.Write([]byte("late")); !errors.Is(err, io.ErrClosedPipe) {
				t.Errorf("writing to the body after: %v, want it closed", err)
			}
		})
	}
	if n := scripted.Count(transports.Any, transports.Any); n != 0 {
		t.Errorf("Scripted recorded %d requests, want none: the request never arrived whole", n)
	}
}

// A plain http.Client's Timeout ends a stalled upload to a Scripted too.
func TestScriptedStalledUploadUnderClientTimeout(t *testing.T) {
	s := transports.NewScripted()
	s.On("POST", "http://h.test/up").Respond(200, "ok")
	pr, pw := io.Pipe()
	defer pw.Close()
	hc := &http.Client{Transport: s, Timeout: 100 * time.Millisecond}
	done := make(chan error, 1)
	go func() {
		resp, err := hc.Post("http://h.test/up", "text/plain", pr)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a stalled upload succeeded")
		}
	case <-time.After(3 * time.Second):
		pw.CloseWithError(io.ErrUnexpectedEOF)
		<-done
		t.Fatal("still reading the stalled body 3s after the client's timeout")
	}
}
