//go:build ignore

// CH-DIR-03.assign: A receive-only channel cannot be assigned to a send-only channel variable.
// want: cannot use r (variable of type <-chan int) as type chan<- int in assignment
package main

func main() {
	ch := make(chan int, 1)
	var r <-chan int = ch
	var s chan<- int = ch
	s = r // violation
	s <- 1
	if <-r != 1 {
		panic("the legal part runs")
	}
}
