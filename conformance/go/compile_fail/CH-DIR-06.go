//go:build ignore

// CH-DIR-06: Closing a receive-only channel does not compile.
// want: cannot close receive-only channel r
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	close(r) // violation
	if <-r != 1 {
		panic("the legal part runs")
	}
}
