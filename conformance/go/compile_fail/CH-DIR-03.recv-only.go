//go:build ignore

// CH-DIR-03.recv-only: A receive-only channel does not convert to a send-only one.
// want: cannot use r (variable of type <-chan int) as type chan<- int
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	var _ chan<- int = r // violation
	if <-r != 1 {
		panic("the legal part runs")
	}
}
