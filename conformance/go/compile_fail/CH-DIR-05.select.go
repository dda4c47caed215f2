//go:build ignore

// CH-DIR-05.select: A select case sending to a receive-only channel does not compile.
// want: cannot send to receive-only channel r
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	select {
	case r <- 1: // violation
	default:
	}
	if <-r != 1 {
		panic("the legal part runs")
	}
}
