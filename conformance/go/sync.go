package main

import (
	"runtime"
	"sync"
)

func init() {
	twin("N8-01", func() {
		type safeCounter struct {
			mu sync.Mutex
			v  map[string]int
		}
		inc := func(c *safeCounter, key string) {
			c.mu.Lock()
			c.v[key]++
			c.mu.Unlock()
		}
		value := func(c *safeCounter, key string) int {
			c.mu.Lock()
			defer c.mu.Unlock()
			return c.v[key]
		}
		const goroutines, increments = 8, 1000
		counter := safeCounter{v: map[string]int{}}
		done := make(chan int, goroutines)
		for g := 0; g < goroutines; g++ {
			go func() {
				for i := 0; i < increments; i++ {
					inc(&counter, "somekey")
					if i%100 == 0 {
						runtime.Gosched()
					}
				}
				done <- 1
			}()
		}
		for g := 0; g < goroutines; g++ {
			<-done
		}
		checkEq(value(&counter, "somekey"), goroutines*increments, "no increment lost")
	})

	twin("N8-02", func() {
		var store struct {
			mu   sync.RWMutex
			a, b int
		}
		inside1 := make(chan int)
		inside2 := make(chan int)
		both := make(chan int, 2)
		go func() {
			store.mu.RLock()
			inside1 <- 1
			<-inside2
			store.mu.RUnlock()
			both <- 1
		}()
		go func() {
			store.mu.RLock()
			<-inside1
			inside2 <- 1
			store.mu.RUnlock()
			both <- 1
		}()
		<-both
		<-both

		const readers, rounds = 4, 500
		torn := make(chan int, readers+1)
		go func() {
			for i := 1; i <= rounds; i++ {
				store.mu.Lock()
				store.a = i
				runtime.Gosched()
				store.b = i
				store.mu.Unlock()
			}
			torn <- 0
		}()
		for r := 0; r < readers; r++ {
			go func() {
				seenTorn := 0
				for i := 0; i < rounds; i++ {
					store.mu.RLock()
					if store.a != store.b {
						seenTorn++
					}
					store.mu.RUnlock()
					runtime.Gosched()
				}
				torn <- seenTorn
			}()
		}
		totalTorn := 0
		for r := 0; r < readers+1; r++ {
			totalTorn += <-torn
		}
		checkEq(totalTorn, 0, "reads that saw half an update")
	})

	twin("MU-05", func() {
		var m sync.Mutex
		m.Unlock()
	})

	twin("RT-10", func() {
		var m sync.Mutex
		recovered(func() { m.Unlock() })
		check(false, "the program went on after a fatal error")
	})
}
