// The kbsearch binary as a user meets it: help, unknown commands, bad queries and a missing
// index each give a clear message on stderr and a non-zero exit.
#include <array>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "indexer/index/index_builder.h"
#include "indexer/schema/index_layout.h"
#include "tests/support/fixture_pages.h"
#include "tests/support/temporary_directory.h"

using kb::test::TemporaryDirectory;

namespace {

struct Run {
    int status = -1;
    std::string output;  // stdout and stderr together
};

// Runs the binary with `arguments` (already shell-quoted) through the shell.
Run kbsearch(const std::string& arguments) {
    const std::string command = std::string("'") + KBSEARCH_BINARY + "' " + arguments + " 2>&1";
    Run run;
    FILE* pipe = popen(command.c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    for (std::size_t n; (n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0;)
        run.output.append(buffer.data(), n);
    const int status = pclose(pipe);
    run.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace

TEST_CASE("the command line says what is wrong and exits non-zero", "[integration]") {
    const Run help = kbsearch("--help");
    CHECK(help.status == 0);
    for (const char* command : {"index", "search", "similar", "serve", "eval", "synonyms"}) {
        CAPTURE(command);
        CHECK(help.output.find(command) != std::string::npos);
    }
    CHECK(kbsearch("search --help").output.find("--json") != std::string::npos);

    const Run unknown = kbsearch("bogus");
    CHECK(unknown.status == 2);
    CHECK_THAT(unknown.output, Catch::Contains("unknown command 'bogus'"));

    TemporaryDirectory dir;
    const Run missing = kbsearch("search --db '" + (dir / "none").string() + "' outlook");
    CHECK(missing.status == 1);
    CHECK_THAT(missing.output, Catch::Contains("no index"));

    dir.write("in/t.txt", kb::test::fixture_page("Outlook keeps asking for my password", "It prompts every hour.",
                                                 "Microsoft 365 and Office | Outlook",
                                                 {{"AI answer", "Clear the cached password."}}));
    const Run built = kbsearch("index --quiet --db '" + (dir / "db").string() + "' '" + (dir / "in").string() + "'");
    REQUIRE(built.status == 0);
    const Run only_excludes = kbsearch("search --db '" + (dir / "db").string() + "' -- -password");
    CHECK(only_excludes.status == 2);
    CHECK_THAT(only_excludes.output, Catch::Contains("bad query"));
    const Run found = kbsearch("search --db '" + (dir / "db").string() + "' --json password");
    CHECK(found.status == 0);
    CHECK_THAT(found.output, Catch::Contains("\"id\": \"t\""));
}

TEST_CASE("two builds on one index at once: one waits for the other, both publish whole", "[integration]") {
    TemporaryDirectory dir;
    const std::string db = (dir / "db").string(), corpus = (kb::test::source_dir() / "corpus").string();
    Run first, second;
    std::thread other([&] { second = kbsearch("index --quiet --db '" + db + "' '" + corpus + "'"); });
    first = kbsearch("index --quiet --db '" + db + "' '" + corpus + "'");
    other.join();
    CAPTURE(first.output, second.output);
    CHECK(first.status == 0);
    CHECK(second.status == 0);
    // The stub names a generation that is there, and nothing but it and the one before remain.
    const auto live = kb::live_generation(dir / "db");
    REQUIRE(live);
    CHECK(std::filesystem::is_directory(dir / "db" / *live));
    int generations = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir / "db"))
        if (entry.path().filename().string().rfind("gen-", 0) == 0) ++generations;
    CHECK(generations == 2);
    const Run search = kbsearch("search --db '" + db + "' outlook");
    CHECK(search.status == 0);
    CHECK(search.output.find("matching threads") != std::string::npos);
}
