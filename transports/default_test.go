package transports_test

import (
	"testing"

	"github.com/taroreq/taroreq/transports"
)

func TestDefaultIsTuned(t *testing.T) {
	tr := transports.Default()
	defer tr.CloseIdleConnections()
	if tr.MaxIdleConnsPerHost < 64 {
		t.Errorf("MaxIdleConnsPerHost = %d, want >= 64", tr.MaxIdleConnsPerHost)
	}
	if tr.MaxIdleConns != 0 && tr.MaxIdleConns < tr.MaxIdleConnsPerHost {
		t.Errorf("MaxIdleConns = %d is below MaxIdleConnsPerHost = %d", tr.MaxIdleConns, tr.MaxIdleConnsPerHost)
	}
	if !tr.ForceAttemptHTTP2 {
		t.Error("ForceAttemptHTTP2 is false")
	}
	for name, d := range map[string]int64{
		"TLSHandshakeTimeout":   int64(tr.TLSHandshakeTimeout),
		"IdleConnTimeout":       int64(tr.IdleConnTimeout),
		"ExpectContinueTimeout": int64(tr.ExpectContinueTimeout),
	} {
		if d <= 0 {
			t.Errorf("%s is not set", name)
		}
	}
	if tr.ResponseHeaderTimeout != 0 {
		t.Errorf("ResponseHeaderTimeout = %v: it would cut a request whose Timeout is longer or none", tr.ResponseHeaderTimeout)
	}
	if tr.DialContext == nil {
		t.Error("DialContext is nil: dials are not bounded")
	}
	if tr.Proxy == nil {
		t.Error("Proxy is nil: the environment's proxy settings are ignored")
	}
}

func TestDefaultIsFresh(t *testing.T) {
	a, b := transports.Default(), transports.Default()
	defer a.CloseIdleConnections()
	defer b.CloseIdleConnections()
	if a == b {
		t.Fatal("Default returned the same transport twice: pools would be shared")
	}
	a.MaxIdleConnsPerHost = 1
	if b.MaxIdleConnsPerHost == 1 {
		t.Fatal("changing one Default transport changed another")
	}
}
