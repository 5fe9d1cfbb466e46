package transports_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/transports"
)

// House style: bad input gets a clear error, never a panic. A URL pattern
// that is neither Any nor an absolute URL, and Fail(nil), panicked. Now the
// Scripted keeps the mistake (Err), and every request fails with it, naming
// the call, the pattern's secrets redacted; a nil Scripted's On returns a
// Script that keeps nothing.
func TestScriptedMistakesAreErrorsNotPanics(t *testing.T) {
	for name, tc := range map[string]struct {
		f    func(s *transports.Scripted)
		want string
	}{
		"relative URL": {func(s *transports.Scripted) { s.On("GET", "/items").Respond(200, "ok") }, `On("GET", "/items")`},
		"no host":      {func(s *transports.Scripted) { s.Count("GET", "mailto:a@b") }, `Count("GET", "mailto:a@b")`},
		"bad URL":      {func(s *transports.Scripted) { s.On("GET", "http://[::1?token=tok-secret") }, `On("GET", "http://[::1`},
		"Fail(nil)":    {func(s *transports.Scripted) { s.On("GET", api).Fail(nil) }, "Fail(nil)"},
		"nil On":       {func(*transports.Scripted) { var n *transports.Scripted; n.On("GET", api).Respond(200, "") }, ""},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s: panic %v", name, p)
				}
			}()
			s := transports.NewScripted()
			s.On(transports.Any, transports.Any).Respond(200, "ok")
			tc.f(s)
			resp, err := get(t, s, api)
			if resp != nil {
				resp.Body.Close()
			}
			if tc.want == "" {
				if err != nil || s.Err() != nil {
					t.Errorf("%s: %v, Err %v, want no mistake", name, err, s.Err())
				}
				return
			}
			if !errors.Is(err, transports.ErrBadScript) || !errors.Is(err, middleware.ErrNoRetry) ||
				!strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "tok-secret") {
				t.Errorf("%s: request: %v, want ErrBadScript naming %s", name, err, tc.want)
			}
			if e := s.Err(); !errors.Is(e, transports.ErrBadScript) || !strings.Contains(e.Error(), tc.want) {
				t.Errorf("%s: Err() = %v", name, e)
			}
		}()
	}
}
