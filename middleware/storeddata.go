package middleware

import "context"

type storedDataKey struct{}

// WithStoredData returns ctx marked as the context of a stored answer
// under judgement: the store layer hands Settings.DataCheck its data (a
// hit before the network, or the fallback once every URL failed) with a
// Request of this context, so that the check can tell it from the
// network's (a client's Response.FromStore) before the store has said it
// answered, which it does only once the check accepted.
func WithStoredData(ctx context.Context) context.Context {
	return context.WithValue(ctx, storedDataKey{}, true)
}

// StoredData reports whether ctx was marked by WithStoredData.
func StoredData(ctx context.Context) bool {
	stored, _ := ctx.Value(storedDataKey{}).(bool)
	return stored
}
