// GenerationCheck on real indexes built from corpus/: a whole one passes and carries its format
// version; one damaged across several files is an IndexError naming a damaged file, in the
// library, the Searcher and the CLI (an exit with a message, never a signal); a newer format
// is refused by readers and writers; an index without the key reads as the first format.
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>
#include <sys/wait.h>
#include <xapian.h>

#include "indexer/index/index_updater.h"
#include "indexer/index/synonym_table.h"
#include "indexer/schema/generation_check.h"
#include "indexer/schema/index_layout.h"
#include "indexer/schema/schema.h"
#include "indexer/text/errors.h"
#include "server/search/searcher.h"
#include "tests/support/cli_run.h"
#include "tests/support/running_server.h"
#include "tests/support/temporary_directory.h"
#include "tests/support/test_index.h"

namespace fs = std::filesystem;
using kb::test::kbsearch;
using kb::test::Run;
using kb::test::TemporaryDirectory;

namespace {

// The live generation of an index built from corpus/ into dir/db.
fs::path built_generation(const TemporaryDirectory& dir) {
    kb::test::build_index(dir / "db", {kb::test::source_dir() / "corpus"}, 1);
    return dir / "db" / kb::live_generation(dir / "db").value();
}

// How a file is damaged: bytes overwritten in its middle, or the file cut short.
enum class Damage { Scribble, Truncate, Zeroes };

void damage(const fs::path& file, Damage how) {
    const auto size = fs::file_size(file);
    REQUIRE(size >= 2048);
    if (how == Damage::Truncate) {
        fs::resize_file(file, size / 2 + 100);  // mid-block, as a disk that filled might leave it
        return;
    }
    std::fstream out(file, std::ios::in | std::ios::out | std::ios::binary);
    // Past the first block, where Glass keeps its B-tree nodes.
    out.seekp(static_cast<std::streamoff>(std::max<std::uintmax_t>(size / 2, 8192) - 1024));
    for (int i = 0; i < 1024; ++i) out.put(how == Damage::Zeroes ? '\0' : static_cast<char>((i * 131 + 7) & 0xff));
    REQUIRE(out.good());
}

}  // namespace

TEST_CASE("a built generation passes the check and carries the index format", "[integration]") {
    TemporaryDirectory dir;
    const fs::path generation = built_generation(dir);
    CHECK_NOTHROW(kb::GenerationCheck::run(generation));
    CHECK(Xapian::Database(generation.string()).get_metadata(std::string(kb::schema::kFormatVersionKey)) ==
          std::to_string(kb::schema::kFormatVersion));
}

TEST_CASE("damage across several files of a real index is an IndexError naming a file, never a crash",
          "[integration]") {
    const Damage how = GENERATE(Damage::Scribble, Damage::Truncate, Damage::Zeroes);
    CAPTURE(static_cast<int>(how));
    TemporaryDirectory dir;
    const fs::path generation = built_generation(dir);
    for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass", "position.glass"})
        damage(generation / table, how);
    damage(generation / kb::schema::kQuestionsDatabase / "postlist.glass", how);

    try {
        kb::GenerationCheck::run(generation);
        FAIL("the damaged generation passed the check");
    } catch (const kb::IndexError& e) {
        CHECK_THAT(e.what(), Catch::Contains("the index is damaged") && Catch::Contains(generation.string()) &&
                                 Catch::Contains(".glass") && Catch::Contains("rebuild it with `kbsearch index`"));
    }
    // Once per process: the first Searcher checks and logs, the next is told at once.
    std::ostringstream log;
    CHECK_THROWS_AS(kb::GenerationCheck::once(generation, log), kb::IndexError);
    CHECK_THROWS_AS(kb::GenerationCheck::once(generation, log), kb::IndexError);
    const std::string logged = log.str();
    CHECK_THAT(logged, Catch::StartsWith("kbsearch: the index is damaged: " + generation.string()));
    CHECK(std::count(logged.begin(), logged.end(), '\n') == 1);
    CHECK_THROWS_WITH(kb::Searcher(dir / "db"), Catch::Contains("the index is damaged"));

    // The command line: a clear message and exit 1, not a signal (it was exit 139 before).
    const Run search = kbsearch("search --db '" + (dir / "db").string() + "' outlook password");
    CAPTURE(search.output);
    CHECK(search.exited);
    CHECK(search.status == 1);
    CHECK_THAT(search.output,
               Catch::Contains("kbsearch: the index is damaged: " + generation.string()) && Catch::Contains(".glass"));
}

TEST_CASE("an index of a newer format is refused by readers and writers, one without the key reads as the first",
          "[integration]") {
    TemporaryDirectory dir;
    const fs::path generation = built_generation(dir);
    const std::string key(kb::schema::kFormatVersionKey);
    const auto set_format = [&](const std::string& value) {
        Xapian::WritableDatabase db(generation.string(), Xapian::DB_OPEN);
        db.set_metadata(key, value);
        db.commit();
    };
    set_format("");  // as an index built before the key existed
    CHECK_NOTHROW(kb::GenerationCheck::run(generation));

    set_format(std::to_string(kb::schema::kFormatVersion + 1));
    const std::string newer = "is in index format " + std::to_string(kb::schema::kFormatVersion + 1) +
                              ", newer than this kbsearch reads (format " + std::to_string(kb::schema::kFormatVersion) +
                              " and older)";
    CHECK_THROWS_WITH(kb::GenerationCheck::run(generation), Catch::Contains(newer));
    const Run search = kbsearch("search --db '" + (dir / "db").string() + "' outlook");
    CHECK(search.status == 1);
    CHECK_THAT(search.output, Catch::Contains(newer));
    CHECK_THROWS_WITH(kb::IndexUpdater().remove(dir / "db", {"outlook-03"}), Catch::Contains(newer));
    const Run synonyms = kbsearch("synonyms --db '" + (dir / "db").string() + "' '" +
                                  (kb::test::source_dir() / "indexer/text/synonyms.txt").string() + "'");
    CHECK(synonyms.status == 1);
    CHECK_THAT(synonyms.output, Catch::Contains(newer));

    set_format("v2");
    CHECK_THROWS_WITH(kb::GenerationCheck::run(generation), Catch::Contains("names no index format"));
}

TEST_CASE(
    "a running server given a damaged generation answers 503 index_unavailable, and serves again after a "
    "whole one",
    "[http]") {
    TemporaryDirectory dir;
    const fs::path good = built_generation(dir);
    const kb::test::RunningServer server(dir / "db");
    auto client = server.client();
    kb::test::get_json(client, "/api/search?q=outlook", 200);

    // A damaged copy published as a build would (one rename of the stub): the workers reopen.
    const fs::path bad = dir / "db" / "gen-99999999999999999999-1";
    fs::copy(good, bad, fs::copy_options::recursive);
    for (const char* table : {"postlist.glass", "termlist.glass", "docdata.glass"})
        damage(bad / table, Damage::Scribble);
    const auto point_stub_at = [&](const fs::path& generation) {
        dir.write("db/XAPIANDB.next", "auto " + generation.filename().string() + "\n");
        fs::rename(dir / "db/XAPIANDB.next", dir / "db/XAPIANDB");
    };
    point_stub_at(bad);
    for (int request = 0; request < 6; ++request) {  // every worker, each once
        const nlohmann::json answer = kb::test::get_json(client, "/api/search?q=outlook+password", 503);
        CHECK(answer["error"]["code"] == "index_unavailable");
        // Named by its place in the index, never by the folder's path on the server's machine.
        const std::string message = answer["error"]["message"];
        CHECK_THAT(message, Catch::Contains("the index is damaged: " + bad.filename().string() + "/"));
        CHECK(message.find((dir / "db").string()) == std::string::npos);
    }
    point_stub_at(good);
    kb::test::get_json(client, "/api/search?q=outlook", 200);
}

TEST_CASE("a generation is read block by block once, and again only when its tables changed", "[integration]") {
    TemporaryDirectory dir;
    const fs::path generation = built_generation(dir);
    // The build checked before it published and left what it found whole.
    REQUIRE(fs::exists(generation / "kbsearch-checked"));
    // Damage that keeps each table's size and time is what the memory cannot see: a process
    // opening the generation trusts the build's check, and reads no block to find it.
    const fs::path termlist = generation / "termlist.glass";
    const auto checked_at = fs::last_write_time(termlist);
    damage(termlist, Damage::Scribble);
    fs::last_write_time(termlist, checked_at);
    std::ostringstream log;
    CHECK_NOTHROW(kb::GenerationCheck::once(generation, log));
    // Any other change to a table (here the same bytes at a new time) is checked in full.
    TemporaryDirectory other;
    const fs::path second = built_generation(other);
    damage(second / "postlist.glass", Damage::Scribble);
    CHECK_THROWS_AS(kb::GenerationCheck::once(second, log), kb::IndexError);
    // A whole generation after a live update's commit is read again and found whole.
    TemporaryDirectory third;
    const fs::path updated = built_generation(third);
    {
        Xapian::WritableDatabase db(updated.string());
        db.set_metadata("kbsearch.test", "touched");
        db.commit();
    }
    CHECK_NOTHROW(kb::GenerationCheck::once(updated, log));
    CHECK(log.str().find(second.string()) != std::string::npos);
    CHECK(log.str().find(updated.string()) == std::string::npos);
}

TEST_CASE("live updates keep a checked generation known whole, and damage after them is still found", "[integration]") {
    TemporaryDirectory dir;
    const fs::path generation = built_generation(dir);
    REQUIRE(kb::GenerationCheck::known_whole(generation));
    {
        std::ofstream out(dir / "more.jsonl");
        out << R"({"id":"carried-1","title":"Printer offline after the update","question":"It says offline.",)"
            << R"("product":["Printers"],"answers":[{"body":"Restart the spooler.","role":"staff"}]})"
            << "\n";
    }
    kb::BuildOptions update;
    update.db = dir / "db";
    update.inputs = {dir / "more.jsonl"};
    std::ostringstream log;
    kb::IndexUpdater().update(update, log);
    // Only our own commits changed the tables: the next process need not read every block.
    CHECK(kb::GenerationCheck::known_whole(generation));
    kb::IndexUpdater().remove(dir / "db", {"carried-1"});
    CHECK(kb::GenerationCheck::known_whole(generation));
    kb::replace_live_synonyms(dir / "db", kb::test::source_dir() / "indexer" / "text" / "synonyms.txt", nullptr);
    CHECK(kb::GenerationCheck::known_whole(generation));
    // Damage is not carried over: the next process checks in full. (Cut short, since after
    // updates the middle of a table may be a block no revision uses any more.)
    damage(generation / "postlist.glass", Damage::Truncate);
    CHECK_FALSE(kb::GenerationCheck::known_whole(generation));
    CHECK_THROWS_AS(kb::GenerationCheck::once(generation, log), kb::IndexError);
}
