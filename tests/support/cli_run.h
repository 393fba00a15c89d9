// The kbsearch binary run through the shell, as a user runs it: its exit and everything it
// printed. Header-only: KBSEARCH_BINARY is defined for the test executable, not this library.
#pragma once

#include <array>
#include <cstdio>
#include <string>

#include <catch2/catch.hpp>
#include <sys/wait.h>

namespace kb::test {

struct Run {
    bool exited = false;  // false: ended by a signal
    int status = -1;
    std::string output;  // stdout and stderr together
};

// Runs the binary with `arguments` (already shell-quoted).
inline Run kbsearch(const std::string& arguments) {
    const std::string command = std::string("'") + KBSEARCH_BINARY + "' " + arguments + " 2>&1";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    // The shell reports a child killed by signal N as exit 128 + N.
    run.exited = WIFEXITED(status) && WEXITSTATUS(status) < 128;
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace kb::test
