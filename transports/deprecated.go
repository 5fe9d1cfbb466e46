package transports

// RedactHeaders is WithRedactedHeaders under its old name, from before the
// redaction options of every package got one shape.
//
// Deprecated: use WithRedactedHeaders.
func RedactHeaders(names ...string) RecordOption { return WithRedactedHeaders(names...) }
