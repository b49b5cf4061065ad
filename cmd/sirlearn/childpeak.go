package main

import "time"

// usage is a child process's own resource use.
type usage struct {
	MaxRSSKiB int64 // peak resident set
	User, Sys time.Duration
	Wall      time.Duration
	Exit      int
}
