package rtcontract_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/taroreq/taroreq/client"
	"github.com/taroreq/taroreq/middleware"
	"github.com/taroreq/taroreq/middleware/backup"
	"github.com/taroreq/taroreq/middleware/breaker"
	"github.com/taroreq/taroreq/middleware/datacheck"
	mlog "github.com/taroreq/taroreq/middleware/log"
	"github.com/taroreq/taroreq/middleware/retry"
	"github.com/taroreq/taroreq/middleware/timeout"
	"github.com/taroreq/taroreq/transports"
)

// exportedErrors is a typed nil of every exported error type of the module.
var exportedErrors = []error{
	(*client.Error)(nil),
	(*client.StatusError)(nil),
	(*middleware.NotCachedError)(nil),
	(*middleware.StreamError)(nil),
	(*backup.NotFailedOverError)(nil),
	(*backup.URLError)(nil),
	(*backup.ExhaustedError)(nil),
	(*breaker.OpenError)(nil),
	(*datacheck.RejectedError)(nil),
	(*mlog.TimeoutError)(nil),
	(*retry.Error)(nil),
	(*timeout.Error)(nil),
	(*transports.ProxyConnectError)(nil),
}

// Every method of every exported error type takes a nil receiver (a typed
// nil in an error interface, one errors.As found): no panic, and Error
// names the type.
func TestExportedErrorsTakeANilReceiver(t *testing.T) {
	for _, e := range exportedErrors {
		v := reflect.ValueOf(e)
		typ := v.Type().String()
		for i := 0; i < v.NumMethod(); i++ {
			m := v.Type().Method(i)
			t.Run(typ+"."+m.Name, func(t *testing.T) {
				args := make([]reflect.Value, m.Type.NumIn()-1)
				for j := range args {
					args[j] = reflect.Zero(m.Type.In(j + 1))
				}
				var out []reflect.Value
				func() {
					defer func() {
						if p := recover(); p != nil {
							t.Fatalf("panicked: %v", p)
						}
					}()
					out = v.Method(i).Call(args)
				}()
				if m.Name == "Error" {
					if s := out[0].String(); !strings.Contains(s, "nil "+typ) {
						t.Errorf("Error() = %q, want it to name a nil %s", s, typ)
					}
				}
			})
		}
	}
	// And their texts hold a nil among their causes.
	for _, e := range []error{
		&backup.ExhaustedError{Errs: []error{nil}},
		&retry.Error{Kind: retry.ErrExhausted, Attempts: 2, Earlier: []error{nil}},
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%T with a nil cause: Error panicked: %v", e, p)
				}
			}()
			_ = e.Error()
		}()
	}
}
