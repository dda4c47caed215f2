//go:build ignore

// CH-DIR-02.assign: A receive-only channel cannot be assigned to a bidirectional channel variable.
// want: cannot use r (variable of type <-chan int) as type chan int in assignment
package main

func main() {
	ch := make(chan int, 2)
	ch <- 1
	var r <-chan int = ch
	back := ch
	back = r // violation
	back <- 2
	if <-r != 1 {
		panic("the legal part runs")
	}
}
