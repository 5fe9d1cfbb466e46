package transports_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/taroreq/taroreq/transports"
)

// House style: bad input gets a clear error, never a panic. A Script made
// otherwise than by Scripted.On (its zero value, a nil *Script) dereferenced
// its missing Scripted in Then, Respond and Fail: a nil pointer panic with
// no word of the mistake. Its methods now keep nothing and return it, and
// the Scripted the caller meant to script fails the request with
// ErrNoScript, which names it.
func TestScriptNotMadeByOnKeepsNothing(t *testing.T) {
	var zero transports.Script
	var nilScript *transports.Script
	for name, sc := range map[string]*transports.Script{"zero": &zero, "nil": nilScript} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s Script: panic %v", name, p)
				}
			}()
			if got := sc.Respond(200, "ok").Then(transports.Step{Status: 201}).Fail(errors.New("boom")); got != sc {
				t.Errorf("%s Script: the methods returned another Script", name)
			}
		}()
	}
	hc := &http.Client{Transport: transports.NewScripted()}
	if _, err := hc.Get("http://api.test/x"); !errors.Is(err, transports.ErrNoScript) {
		t.Errorf("a Scripted no On scripted: %v, want ErrNoScript", err)
	}
}
