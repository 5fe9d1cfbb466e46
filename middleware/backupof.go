package middleware

import (
	"context"
	"net/url"
)

type backupOfKey struct{}

// WithBackupOf returns ctx for a backup URL's copy of a request that
// carries no Call (a plain http.Client's), with u, the URL it stands in
// for: what Settings.URL tells the layers below of a call's.
func WithBackupOf(ctx context.Context, u *url.URL) context.Context {
	return context.WithValue(ctx, backupOfKey{}, u)
}

// BackupOf returns the URL a request's backup URL stands in for: its
// Call's Settings.URL, else what WithBackupOf gave; nil when there is none.
func BackupOf(ctx context.Context) *url.URL {
	if call := CallFrom(ctx); call != nil {
		return call.Settings.URL
	}
	u, _ := ctx.Value(backupOfKey{}).(*url.URL)
	return u
}
