package client_test

import (
	"errors"
	"testing"
	"time"

	"github.com/taroreq/taroreq/client"
)

// A Task that Client.Go did not make (nil, or the zero value) has no
// request: Abort and the listener methods do nothing, Done is closed and
// Wait returns at once with ErrInvalidOption, never a panic or a wait for
// ever (bad input gives a clear error, as a nil or zero Client's calls do).
func TestNilAndZeroTaskNeitherPanicNorBlock(t *testing.T) {
	for name, task := range map[string]*client.Task{"zero": new(client.Task), "nil": nil} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s Task: panic: %v", name, p)
				}
			}()
			task.Abort()
			task.OffHeadersReceived(task.OnHeadersReceived(func(client.Headers) {}))
			task.OffChunkReceived(task.OnChunkReceived(func([]byte) {}))
			select {
			case <-task.Done():
			case <-time.After(time.Second):
				t.Errorf("%s Task: Done is never closed", name)
			}
			type waited struct {
				resp *client.Response
				err  error
			}
			got := make(chan waited, 1)
			go func() {
				defer func() {
					if p := recover(); p != nil {
						t.Errorf("%s Task: Wait panics: %v", name, p)
						got <- waited{}
					}
				}()
				resp, err := task.Wait()
				got <- waited{resp, err}
			}()
			select {
			case w := <-got:
				if !errors.Is(w.err, client.ErrInvalidOption) || w.resp == nil || w.resp.ErrMsg == "request:ok" {
					t.Errorf("%s Task: Wait = %+v, %v; want a Response and ErrInvalidOption", name, w.resp, w.err)
				} else if _, ok := w.err.(*client.Error); !ok {
					t.Errorf("%s Task: Wait's error is a %T, want *client.Error", name, w.err)
				}
			case <-time.After(time.Second):
				t.Fatalf("%s Task: Wait blocks for ever", name)
			}
		}()
	}
}
