// Command twins holds the Go twin of every conformance case: `twins ID` runs one as the whole
// program (returning from it ends the program); `twins -list` prints their ids.
package main

import (
	"fmt"
	"os"
	"sort"
)

var twins = map[string]func(){}

// twin registers the Go twin of the case with this id.
func twin(id string, body func()) {
	if _, dup := twins[id]; dup {
		panic("twin " + id + " is declared twice")
	}
	twins[id] = body
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: twins ID | twins -list")
		os.Exit(64)
	}
	if os.Args[1] == "-list" {
		ids := make([]string, 0, len(twins))
		for id := range twins {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Println(id)
		}
		return
	}
	body, ok := twins[os.Args[1]]
	if !ok {
		fmt.Fprintln(os.Stderr, "no twin", os.Args[1])
		os.Exit(65)
	}
	body()
}
