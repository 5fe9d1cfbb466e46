//go:build unix

package credential

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used (user and system, every
// thread), which other processes' load on the machine does not stretch as
// it stretches the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return time.Duration(time.Now().UnixNano())
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
