package main

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The store and the HTTP cache file a credentialed request's entry under a
// keyed hash of its credentials (client.WithPartitionKey), random per
// process by default: a later run could never find it, and its entries
// would pile up unread in the snapshot. --store-file and --cache-file keep
// the key in a file beside the snapshot (FILE.key, 0600), made on first
// use, so the next run of the same user finds them.

const partitionKeySize = 32

// partitionKeyFile is where the key of cfg's snapshots lives: beside the
// store file, else the cache file; "" without either.
func partitionKeyFile(cfg *config) string {
	switch {
	case cfg.storeFile != "":
		return cfg.storeFile + ".key"
	case cfg.cacheFile != "":
		return cfg.cacheFile + ".key"
	}
	return ""
}

// loadPartitionKey reads the key at path, making it if there is none. A
// new key is written whole to a temporary file and linked into place, so a
// run racing this one reads either nothing or the whole key.
func loadPartitionKey(path string) ([]byte, error) {
	key, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		key, err = makePartitionKey(path)
	}
	if err != nil {
		return nil, err
	}
	if len(key) != partitionKeySize {
		return nil, fmt.Errorf("%s: %d bytes, not a key of %d", path, len(key), partitionKeySize)
	}
	return key, nil
}

// makePartitionKey writes a new key at path, or reads the one another run
// wrote there first.
func makePartitionKey(path string) ([]byte, error) {
	key := make([]byte, partitionKeySize)
	_, _ = rand.Read(key)                                           // never fails (crypto/rand)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".taroreq-key-*") // 0600
	if err != nil {
		return nil, err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(key)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	if err := os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
		return os.ReadFile(path)
	} else if err != nil {
		return nil, err
	}
	return key, nil
}
