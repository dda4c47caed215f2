package main

import (
	"runtime"
	"time"
)

func init() {
	twin("RT-01", func() {
		started := make(chan int)
		go func() {
			started <- 1
			for {
				runtime.Gosched()
			}
		}()
		<-started
	})

	twin("RT-04", func() {
		never := make(chan int)
		started := make(chan int, 2)
		go func() {
			started <- 1
			<-never
		}()
		go func() {
			started <- 1
			never <- 1
			never <- 2
		}()
		<-started
		<-started
	})

	twin("N11-01", func() {
		ch := make(chan int)
		ch <- 1
	})

	twin("RT-02", func() {
		a := make(chan int)
		b := make(chan int)
		go func() {
			<-b
			a <- 1
		}()
		<-a
	})

	twin("RT-02.later", func() {
		work := make(chan int)
		go func() {
			for i := 0; i < 100; i++ {
				work <- i
			}
		}()
		for {
			<-work
		}
	})

	twin("RT-05", func() {
		go func() { time.Sleep(time.Hour) }()
		<-make(chan int)
	})

	twin("RT-08", func() {
		panic("boom")
	})

	twin("RT-08.goroutine", func() {
		go func() { panic("boom in a goroutine") }()
		<-make(chan int)
	})
}
