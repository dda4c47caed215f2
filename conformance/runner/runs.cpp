#include "runs.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdlib.h>

namespace gosem_conformance {
namespace {

double timeout_scale() {
    const char* s = std::getenv("GOSEM_CONFORMANCE_TIMEOUT_SCALE");
    double v = s ? std::atof(s) : 1.0;
    return v > 0 ? v : 1.0;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in) {
        std::fprintf(stderr, "cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

}  // namespace

int timeout_ms(const case_info& info) {
    int ms = info.timeout_ms;
    if (ms == 0) {
        switch (info.expect.kind) {
            case outcome::blocks: ms = 1000; break;
            case outcome::deadlock: ms = 10000; break;
            case outcome::does_not_compile: ms = 120000; break;
            default: ms = has(info.flags, flag::slow) ? 240000 : 60000;
        }
    }
    return static_cast<int>(ms * timeout_scale());
}

std::vector<int> procs_list(procs p) {
    std::vector<int> out;
    for (int n : {0, 1, 2}) {
        if (runs_at(p, n)) out.push_back(n);
    }
    return out;
}

std::vector<run_record> run_program_case(const case_entry& c, int only_procs) {
    std::vector<run_record> records;
    for (int procs : procs_list(c.info->gomaxprocs)) {
        if (only_procs != 0 && procs != only_procs) continue;
        if (procs > registered_adapter().max_procs) continue;
        run_record rec;
        rec.procs = procs;
        rec.step = procs == 0 ? "GOMAXPROCS unset" : "GOMAXPROCS=" + std::to_string(procs);
        // As the Go twin does, the program finds its GOMAXPROCS in the environment too.
        rec.raw = run_in_child(
            [&c, procs] {
                if (procs == 0) ::unsetenv("GOMAXPROCS");
                else ::setenv("GOMAXPROCS", std::to_string(procs).c_str(), 1);
                return c.run(procs);
            },
            timeout_ms(*c.info));
        rec.result = classify(rec.raw);
        records.push_back(rec);
        if (rec.result.kind == verdict_kind::unsupported || !satisfies(rec.result, c.info->expect)) {
            break;
        }
    }
    return records;
}

std::vector<run_record> run_compile_case(const case_entry& c, const std::string& compile_rsp) {
    std::vector<std::string> rsp = read_lines(compile_rsp);
    if (rsp.size() < 2) {
        std::fprintf(stderr, "%s: expected the driver and a compiler command\n",
                     compile_rsp.c_str());
        std::exit(1);
    }
    std::vector<run_record> records;
    for (bool violate : {false, true}) {
        std::vector<std::string> argv(rsp.begin() + 1, rsp.end());
        argv.push_back(std::string("-DGOSEM_CONFORMANCE_CASE_FILE=\"") + c.file + "\"");
        if (violate) argv.push_back("-DGOSEM_CONFORMANCE_VIOLATE");
        argv.push_back(rsp[0]);
        run_record rec;
        rec.step = violate ? "violation" : "control";
        rec.raw = run_command(argv, timeout_ms(*c.info));
        bool compiled = !rec.raw.timed_out && rec.raw.exit_status == 0;
        rec.result = {compiled ? verdict_kind::compiled : verdict_kind::rejected, {}};
        if (rec.raw.timed_out) rec.result = {verdict_kind::crashed, "the compiler timed out"};
        records.push_back(rec);
        if (!violate && !compiled) break;  // a control that does not compile proves nothing
    }
    return records;
}

}  // namespace gosem_conformance
