module gosem/conformance

go 1.19
