//go:build ignore

// CH-DIR-05: Sending to a receive-only channel does not compile.
// want: cannot send to receive-only channel r
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	r <- 1 // violation
	if <-r != 1 {
		panic("the legal part runs")
	}
}
