// The fuzz target as a plain program (any compiler, no libFuzzer): runs every input file given,
// or every file in the directories given, through LLVMFuzzerTestOneInput. ctest runs it over the
// seed corpus (label fuzz-corpus).
//   gosem_fuzz_replay PATH...        check each input (a failure aborts with a report)
//   gosem_fuzz_replay --go FILE      print FILE's program as Go source (to run it with Go)
//   gosem_fuzz_replay --check-go FILE OUTPUT EXIT_STATUS
//                                    check a Go run of that program (its combined stdout and
//                                    stderr in OUTPUT) against the reference model: validates
//                                    the model against Go itself
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "go_run.hpp"
#include "invariants.hpp"
#include "model.hpp"
#include "program.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int replay(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> inputs;
    for (const auto& path : paths) {
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::directory_iterator(path)) {
                if (entry.is_regular_file()) inputs.push_back(entry.path());
            }
        } else {
            inputs.push_back(path);
        }
    }
    if (inputs.empty()) {
        std::fprintf(stderr, "gosem_fuzz_replay: no inputs\n");
        return 2;
    }
    for (const auto& input : inputs) {
        const auto bytes = read_bytes(input);
        std::fprintf(stderr, "%s\n", input.string().c_str());
        LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    }
    std::printf("gosem_fuzz_replay: %zu inputs, all consistent with the model\n", inputs.size());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--go") == 0) {
        const auto bytes = read_bytes(argv[2]);
        std::fputs(fuzz::to_go(fuzz::decode(bytes)).c_str(), stdout);
        return 0;
    }
    if (argc == 5 && std::strcmp(argv[1], "--check-go") == 0) {
        const fuzz::program p = fuzz::decode(read_bytes(argv[2]));
        const fuzz::observation obs = fuzz::parse_go_run(p, read_text(argv[3]), std::atoi(argv[4]));
        std::string problem = fuzz::check_invariants(p, obs);
        if (problem.empty()) problem = fuzz::check_against_model(p, obs);
        if (problem.empty()) return 0;
        std::fprintf(stderr, "%s: the model rejects Go's own run: %s\nGo's run:\n%s", argv[2],
                     problem.c_str(), fuzz::to_string(obs).c_str());
        return 1;
    }
    if (argc < 2 || argv[1][0] == '-') {
        std::fprintf(stderr, "usage: %s PATH... | --go FILE | --check-go FILE OUTPUT EXIT_STATUS\n",
                     argv[0]);
        return 2;
    }
    return replay(std::vector<std::filesystem::path>(argv + 1, argv + argc));
}
