module gosem/baselines

go 1.19
