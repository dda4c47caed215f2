module gosem/bench

go 1.19
