package tracing

import (
	"strconv"

	"go.opentelemetry.io/otel"
)

// handle reports an error creating an instrument to OpenTelemetry's error
// handler; the API hands back a working no-op instrument anyway.
func handle(err error) {
	if err != nil {
		otel.Handle(err)
	}
}

// statusText holds the common codes' strings, so error.type costs no
// allocation for them.
var statusText = func() map[int]string {
	m := make(map[int]string, 200)
	for c := 400; c < 600; c++ {
		m[c] = strconv.Itoa(c)
	}
	return m
}()

func itoa(code int) string {
	if s, ok := statusText[code]; ok {
		return s
	}
	return strconv.Itoa(code)
}
