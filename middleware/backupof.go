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

type backupURLKey struct{}

// WithBackupURL returns ctx for a backup URL's copy of a request that
// carries no Call, with u, the URL the backup layer sends it to (a copy:
// what a layer below does to the request's URL is not done to it).
func WithBackupURL(ctx context.Context, u *url.URL) context.Context {
	cp := *u
	return context.WithValue(ctx, backupURLKey{}, &cp)
}

// BackupURL returns the URL the backup layer sent a plain request's backup
// copy to (WithBackupURL), nil for none: a store or HTTP cache above tells
// by it whether a layer below changed the URL (a user's token put in its
// query), as it tells by the request's own URL for another request.
func BackupURL(ctx context.Context) *url.URL {
	u, _ := ctx.Value(backupURLKey{}).(*url.URL)
	return u
}
