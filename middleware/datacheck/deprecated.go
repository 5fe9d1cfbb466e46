package datacheck

// WithMaxBody is WithMaxBodyBytes under its old name, from before the
// layers' body bounds got one name.
//
// Deprecated: use WithMaxBodyBytes.
func WithMaxBody(n int64) Option { return WithMaxBodyBytes(n) }
