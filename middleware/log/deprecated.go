package reqlog

// WithRedactHeaders is WithRedactedHeaders under its old name, from before
// the two redaction options got one shape (WithRedactedQueryKeys).
//
// Deprecated: use WithRedactedHeaders.
func WithRedactHeaders(names ...string) Option { return WithRedactedHeaders(names...) }
