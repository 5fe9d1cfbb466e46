package middleware

import (
	"context"
)

type traceKey struct{}

// WithLayerTrace asks the client to record, on the Call it makes for a
// request sent with ctx, the layers the request passes through.
func WithLayerTrace(ctx context.Context) context.Context {
	return context.WithValue(ctx, traceKey{}, true)
}

// LayerTraceRequested reports whether ctx came from WithLayerTrace.
func LayerTraceRequested(ctx context.Context) bool { return ctx.Value(traceKey{}) != nil }

// TraceLayers turns on the record of layer names that Visit keeps; it is
// meant for tests and debugging, and costs an allocation per layer.
func (c *Call) TraceLayers() {
	if c == nil {
		return
	}
	c.traceLayers.Store(true)
}

// Visit records that a request passed through the named layer, when
// TraceLayers is on.
func (c *Call) Visit(layer string) {
	if c == nil || !c.traceLayers.Load() {
		return
	}
	c.mu.Lock()
	h := c.hopsLocked()
	h.layers = append(h.layers, layer)
	c.mu.Unlock()
}

// Layers returns the names recorded by Visit, in order.
func (c *Call) Layers() []string {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hops == nil {
		return nil
	}
	return append([]string(nil), c.hops.layers...)
}
