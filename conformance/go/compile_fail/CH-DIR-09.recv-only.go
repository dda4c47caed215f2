//go:build ignore

// CH-DIR-09.recv-only: A channel does not convert to a receive-only view of another element type.
// want: cannot use ch (variable of type chan int) as type <-chan int64 in variable declaration
package main

func main() {
	ch := make(chan int, 1)
	ch <- 1
	var r <-chan int = ch
	var _ <-chan int64 = ch // violation
	if <-r != 1 {
		panic("the legal part runs")
	}
}
